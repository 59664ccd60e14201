package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.corruption.Corruption;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.eval.calibration.CalibrationReport;
import org.advlens.io.AtomicFiles;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.report.RobustnessResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens calibration}: calibration before and after temperature scaling fitted on a held-out split, with
 * reliability diagrams and selective classification (risk-coverage, AURC), as JSON (format in docs/calibration.md);
 * a summary goes to standard error.
 */
@Command(name = "calibration", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Measure a model's calibration (ECE, MCE, NLL, Brier) before and after "
                + "temperature scaling, and its risk-coverage curve; JSON on standard output.")
final class CalibrationCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "15",
            description = "reliability-diagram bins (default: 15)")
    int bins;

    @Option(names = "--calibration-fraction", paramLabel = "F", defaultValue = "0.5",
            description = "fraction of the data, drawn at random, that fits the temperature; the rest is measured "
                    + "(default: 0.5)")
    double fraction;

    @Option(names = "--risk", paramLabel = "R", defaultValue = "0.02",
            description = "selective risk at which the coverage is reported (default: 0.02)")
    double risk;

    @Option(names = "--smoothed-sigma", paramLabel = "S",
            description = "also rank by the smoothed classifier's vote share under Gaussian noise of this sigma "
                    + "(default: off)")
    Double smoothedSigma;

    @Option(names = "--smoothed-n", paramLabel = "N", defaultValue = "100",
            description = "noisy copies per image for --smoothed-sigma (default: 100)")
    int smoothedN;

    @Option(names = "--corruption", paramLabel = "NAME",
            description = "measure under this common corruption (advlens corruptions lists them): the temperature is"
                    + " fitted on the clean calibration split, every measure taken on the corrupted evaluation split")
    String corruption;

    @Option(names = "--severity", paramLabel = "S", defaultValue = "3",
            description = "with --corruption: its severity, 1 to 5 (default: 3)")
    int severity;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "250", description = "images per batch (default: 250)")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the split and the noise (default: 0)")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON to this file")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RandomizedSmoothing.Options smoothing = smoothedSigma == null ? null
                : new RandomizedSmoothing.Options(smoothedSigma, 1, smoothedN, 0.001, Math.min(smoothedN, 1000));
        CalibrationEvaluation.Options options = new CalibrationEvaluation.Options(bins, fraction, seed, risk, batch,
                smoothing);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, err);
            LabelledDataset shifted = set;
            if (corruption != null) {
                Corruption c = Corruption.byName(corruption);
                shifted = new LabelledDataset(set.name() + " under " + c.id() + " " + severity, set.source(),
                        c.apply(set.images(), severity, seed, CorruptionOptions.forInput(classifier.inputSpec())),
                        set.labels(), set.classNames());
            }
            CalibrationEvaluation.Result r = Jobs.runNow(new CalibrationEvaluation(classifier, set, shifted,
                    options), new StderrProgress(err, "calibration "));
            ObjectNode root = Json.object();
            root.put("format_version", 1);
            root.set("model", Json.model(classifier.info()));
            root.set("data", Json.data(set));
            ObjectNode s = root.putObject("settings");
            s.put("bins", bins);
            s.put("calibration_fraction", fraction);
            s.put("target_risk", risk);
            s.put("seed", seed);
            if (corruption != null) {
                s.put("corruption", Corruption.byName(corruption).id());
                s.put("severity", severity);
            }
            if (smoothing != null) {
                s.put("smoothed_sigma", smoothing.sigma());
                s.put("smoothed_n", smoothing.n());
            }
            ObjectNode t = root.putObject("temperature_scaling");
            t.put("temperature", r.fit().temperature());
            t.put("fit_count", r.fit().count());
            t.put("fit_nll_before", r.fit().nllBefore());
            t.put("fit_nll_after", r.fit().nllAfter());
            root.set("before", RobustnessResultJson.calibrationReport(r.before()));
            root.set("after", RobustnessResultJson.calibrationReport(r.after()));
            ObjectNode sel = root.putObject("selective");
            sel.set("msp", RobustnessResultJson.selective(r.selectiveBefore()));
            sel.set("msp_temperature_scaled", RobustnessResultJson.selective(r.selectiveAfter()));
            if (r.selectiveSmoothed() != null) {
                sel.set("smoothed", RobustnessResultJson.selective(r.selectiveSmoothed()));
            }
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            root.set("provenance", Json.provenance());
            String text = Json.write(root);
            if (json != null) {
                AtomicFiles.writeString(json, text);
            }
            summary(err, r);
            spec.commandLine().getOut().println(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static void summary(PrintWriter err, CalibrationEvaluation.Result r) {
        err.println(String.format(Locale.ROOT, "temperature %.4f (fitted on %d images)", r.fit().temperature(),
                r.fit().count()));
        for (CalibrationReport c : List.of(r.before(), r.after())) {
            err.println(String.format(Locale.ROOT, "T=%.4f on %d images: accuracy %.4f  ECE %.4f  ECE(mass) %.4f  "
                    + "MCE %.4f  NLL %.4f  Brier %.4f", c.temperature(), c.count(), c.accuracy(), c.ece(),
                    c.eceEqualMass(), c.mce(), c.nll(), c.brier()));
        }
        err.println(String.format(Locale.ROOT, "AURC %.4f (T=1), %.4f (scaled); coverage at risk %.3f: %.3f",
                r.selectiveBefore().aurc(), r.selectiveAfter().aurc(), r.selectiveBefore().targetRisk(),
                r.selectiveBefore().coverageAtRisk()));
        if (r.selectiveSmoothed() != null) {
            err.println(String.format(Locale.ROOT, "smoothed: AURC %.4f, coverage at risk %.3f: %.3f",
                    r.selectiveSmoothed().aurc(), r.selectiveSmoothed().targetRisk(),
                    r.selectiveSmoothed().coverageAtRisk()));
        }
        err.flush();
    }
}
