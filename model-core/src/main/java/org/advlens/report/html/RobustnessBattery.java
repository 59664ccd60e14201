package org.advlens.report.html;

import java.util.ArrayList;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.corruption.Corruption;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Certification;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.MinimumNormEvaluation;
import org.advlens.eval.MinimumNormResult;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.eval.RobustnessCurve;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.eval.ood.BuiltInOodSet;
import org.advlens.eval.ood.MahalanobisDetector;
import org.advlens.eval.ood.Odin;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.eval.ood.OodScore;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.provenance.Provenance;

/**
 * Runs a battery on one model: each section is the engine's own evaluation job with the parameters that the
 * matching {@code advlens} command would use, so the report's numbers equal that command's for the same seed (the
 * report lists those commands). Progress is spread over the sections in proportion to their estimated time;
 * cancellation is passed through to every section.
 */
public final class RobustnessBattery implements Job<RobustnessReport> {

    /** Calibration settings of {@code advlens calibration}'s defaults: 15 bins, half to fit, risk 0.02. */
    static final int CALIBRATION_BINS = 15;
    static final double CALIBRATION_FRACTION = 0.5;
    static final double CALIBRATION_RISK = 0.02;
    /** OOD scores that need no training data (Mahalanobis does, so it is left to {@code advlens ood}). */
    static final List<OodScore> OOD_SCORES = List.of(OodScore.MSP, OodScore.MAX_LOGIT, OodScore.ENERGY, OodScore.ODIN);
    static final int OOD_BINS = 30;
    static final double CERTIFY_ALPHA = 0.001;

    private final Classifier model;
    private final LabelledDataset data;
    private final BatterySpec spec;
    private final BatteryEstimate estimate;
    private final String sourceOptions;

    /**
     * @param model the classifier; not closed by the battery
     * @param data the evaluation data in the model's input shape; each section uses its first images
     * @param spec the battery
     * @param estimate the estimate made before the run, which weights progress and is reported beside the times
     * @param sourceOptions the command-line options that name the model and the data, such as
     *                      {@code --model m.onnx --data images.gz}, for the reproducing commands; empty for the
     *                      bundled model and data
     */
    public RobustnessBattery(Classifier model, LabelledDataset data, BatterySpec spec, BatteryEstimate estimate,
                             String sourceOptions) {
        if (model == null || data == null || spec == null || estimate == null) {
            throw new IllegalArgumentException("model, data, battery and estimate are required");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set '" + data.name() + "' holds no images");
        }
        if (data.images().imageSize() != model.inputSpec().size()) {
            throw new IllegalArgumentException("the data's images have " + data.images().imageSize()
                    + " values, the model takes " + model.inputSpec().size() + " (" + model.inputSpec() + ")");
        }
        this.model = model;
        this.data = data;
        this.spec = spec;
        this.estimate = estimate;
        this.sourceOptions = sourceOptions == null ? "" : sourceOptions.strip();
    }

    /** The parameters of the curve attacks: each attack's defaults with the battery's steps, restarts and seed. */
    public static AttackParams curveParams(FixedEpsilonAttack attack, BatterySpec spec) {
        return attack.defaults().withSteps(spec.steps()).withRestarts(spec.restarts()).withSeed(spec.seed());
    }

    /** The ensemble's parameters: its defaults (3 target classes) with the battery's steps and seed. */
    public static AttackParams ensembleParams(BatterySpec spec) {
        return Attacks.byName("autoattack").defaults().withSteps(spec.steps()).withSeed(spec.seed());
    }

    /** The curves' specification. */
    public static CurveSpec curveSpec(BatterySpec spec) {
        List<CurveSpec.Entry> entries = new ArrayList<>();
        for (String a : spec.attacks()) {
            FixedEpsilonAttack attack = Attacks.byName(a);
            entries.add(new CurveSpec.Entry(attack.name(), curveParams(attack, spec)));
        }
        return new CurveSpec(entries, spec.epsilons(), spec.batchSize());
    }

    @Override
    public RobustnessReport run(ProgressListener progress, CancellationToken cancellation) throws Exception {
        Sections s = new Sections(progress, estimate);
        LabelledDataset set = data.limit(Math.min(spec.images(), data.size()));
        CurveResult curves = s.run(BatteryEstimate.CURVES, p -> new RobustnessCurve(model, set, curveSpec(spec),
                point -> { }).run(p, cancellation));
        CurveResult ensemble = null;
        if (spec.autoAttackImages() > 0) {
            LabelledDataset aa = data.limit(Math.min(spec.autoAttackImages(), data.size()));
            CurveSpec aaSpec = new CurveSpec(List.of(new CurveSpec.Entry("autoattack", ensembleParams(spec))),
                    new double[] {spec.standardEpsilon()}, spec.batchSize());
            ensemble = s.run(BatteryEstimate.ENSEMBLE, p -> new RobustnessCurve(model, aa, aaSpec, point -> { })
                    .run(p, cancellation));
        }
        MinimumNormResult minNorm = null;
        if (spec.minNormImages() > 0) {
            LabelledDataset mn = data.limit(Math.min(spec.minNormImages(), data.size()));
            MinimizationAttack attack = MinimizationAttacks.byName(spec.minNormAttack());
            minNorm = s.run(BatteryEstimate.MIN_NORM, p -> new MinimumNormEvaluation(model, mn, attack,
                    attack.defaults().withSeed(spec.seed()), minNormOptions(spec)).run(p, cancellation));
        }
        CalibrationEvaluation.Result calibration = null;
        if (spec.calibration()) {
            calibration = s.run(BatteryEstimate.CALIBRATION, p -> new CalibrationEvaluation(model, set,
                    calibrationOptions(spec)).run(p, cancellation));
        }
        CorruptionEvaluation.Result corruptions = null;
        if (!spec.corruptions().isEmpty()) {
            corruptions = s.run(BatteryEstimate.CORRUPTIONS, p -> new CorruptionEvaluation(model, null, set,
                    corruptionOptions(spec)).run(p, cancellation));
        }
        OodEvaluation.Result ood = null;
        if (!spec.oodSets().isEmpty()) {
            List<OodEvaluation.OodSet> sets = oodSets(spec, set, model);
            ood = s.run(BatteryEstimate.OOD, p -> new OodEvaluation(model, set, sets, null, oodOptions(spec))
                    .run(p, cancellation));
        }
        Certification.Result certification = null;
        if (spec.certifyImages() > 0) {
            LabelledDataset cert = data.limit(Math.min(spec.certifyImages(), data.size()));
            certification = s.run(BatteryEstimate.CERTIFICATION, p -> new Certification(model, cert,
                    certifyOptions(spec), spec.seed()).run(p, cancellation));
        }
        List<ExamplePicture> examples = List.of();
        if (spec.exampleImages() > 0) {
            examples = s.run(BatteryEstimate.PICTURES, p -> ReportPictures.examples(model, set, spec, curves,
                    cancellation));
        }
        progress.onProgress(1, "done");
        return new RobustnessReport(spec, model.info(), data.name(), data.source(), data.size(), curves, ensemble,
                minNorm, calibration, corruptions, ood, certification, examples, s.timings(),
                ReproducingCommands.of(spec, sourceOptions, data.size()), Provenance.now());
    }

    /** {@code advlens minnorm}'s settings with the battery's batch: 21 implied-curve points, 20 bins. */
    public static MinimumNormEvaluation.Options minNormOptions(BatterySpec spec) {
        return new MinimumNormEvaluation.Options(spec.batchSize(), 21, new double[0], 20);
    }

    public static CalibrationEvaluation.Options calibrationOptions(BatterySpec spec) {
        return new CalibrationEvaluation.Options(CALIBRATION_BINS, CALIBRATION_FRACTION, spec.seed(), CALIBRATION_RISK,
                spec.batchSize(), null);
    }

    public static CorruptionEvaluation.Options corruptionOptions(BatterySpec spec) {
        return new CorruptionEvaluation.Options(spec.corruptions().stream().map(Corruption::byName).toList(),
                spec.severities(), spec.seed(), spec.batchSize(), Double.NaN);
    }

    public static OodEvaluation.Options oodOptions(BatterySpec spec) {
        return new OodEvaluation.Options(OOD_SCORES, 1, Odin.Options.paper(), null, MahalanobisDetector.DEFAULT_RIDGE,
                spec.batchSize(), OOD_BINS);
    }

    /** The built-in OOD sets made from the evaluation images, as {@code advlens ood --ood} makes them. */
    public static List<OodEvaluation.OodSet> oodSets(BatterySpec spec, LabelledDataset in, Classifier model) {
        List<OodEvaluation.OodSet> sets = new ArrayList<>();
        for (String id : spec.oodSets()) {
            BuiltInOodSet b = BuiltInOodSet.byId(id).orElseThrow();
            sets.add(new OodEvaluation.OodSet(b.id(), "built-in from " + in.name(),
                    b.make(in.images(), model.inputSpec(), spec.seed())));
        }
        return sets;
    }

    public static RandomizedSmoothing.Options certifyOptions(BatterySpec spec) {
        return new RandomizedSmoothing.Options(spec.certifySigma(), BatterySpec.CERTIFY_SELECTION_SAMPLES,
                spec.certifySamples(), CERTIFY_ALPHA, Math.min(spec.certifySamples(), 1000));
    }

    /** Runs sections one after another, mapping each one's progress into its share and timing it. */
    private static final class Sections {
        private final ProgressListener progress;
        private final BatteryEstimate estimate;
        private final double total;
        private final List<SectionTime> timings = new ArrayList<>();
        private double done;

        Sections(ProgressListener progress, BatteryEstimate estimate) {
            this.progress = progress;
            this.estimate = estimate;
            this.total = Math.max(1e-9, estimate.totalSeconds());
        }

        <T> T run(String name, SectionBody<T> body) throws Exception {
            double share = estimate.seconds(name) / total;
            double start = done;
            progress.onProgress(start, name);
            long t0 = System.nanoTime();
            T result = body.run((f, message) -> progress.onProgress(
                    Math.min(1, start + share * Math.max(0, Math.min(1, f))), name + ": " + message));
            timings.add(new SectionTime(name, estimate.seconds(name), (System.nanoTime() - t0) / 1e9));
            done = start + share;
            return result;
        }

        List<SectionTime> timings() {
            return timings;
        }
    }

    @FunctionalInterface
    private interface SectionBody<T> {
        T run(ProgressListener progress) throws Exception;
    }
}
