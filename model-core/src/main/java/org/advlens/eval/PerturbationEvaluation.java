package org.advlens.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.corruption.Perturbation;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.model.Classifier;
import org.advlens.job.ProgressListener;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prediction stability under perturbation sequences, as ImageNet-P measures it (Hendrycks and Dietterich 2019):
 * the flip probability of each perturbation ({@link FlipProbability}), their mean, and, against a baseline model
 * run on the same frames, the flip rate {@code FR_p = FP_p / FP_p^base} and its mean (mFR).
 */
public final class PerturbationEvaluation implements Job<PerturbationEvaluation.Result> {

    /**
     * @param perturbations at least one
     * @param frames frames per sequence, at least 2 (the paper's have 31)
     * @param seed seed of the noise frames (image {@code i} uses {@code seed + i})
     * @param spatialScale the factor on reference lengths, or NaN for the default for the input size
     */
    public record Options(List<Perturbation> perturbations, int frames, long seed, double spatialScale) {

        public Options {
            if (perturbations == null || perturbations.isEmpty()) {
                throw new IllegalArgumentException("at least one perturbation is required");
            }
            perturbations = List.copyOf(perturbations);
            if (frames < 2) {
                throw new IllegalArgumentException("a sequence needs at least 2 frames, got " + frames);
            }
        }
    }

    /**
     * @param perturbation the perturbation
     * @param flipProbability the model's FP
     * @param baselineFlipProbability the baseline model's FP, NaN without one
     */
    public record Row(Perturbation perturbation, double flipProbability, double baselineFlipProbability) {

        /** {@code FP / FP^base}; NaN without a baseline model or when the baseline never flips. */
        public double flipRate() {
            return baselineFlipProbability > 0 ? flipProbability / baselineFlipProbability : Double.NaN;
        }
    }

    /**
     * @param options what was run
     * @param images sequences per perturbation
     * @param baselineName the baseline model's name, or null
     * @param rows one per perturbation
     */
    public record Result(Options options, int images, String baselineName, List<Row> rows) {

        public Result {
            rows = List.copyOf(rows);
        }

        /** The mean flip probability over the perturbations. */
        public double meanFlipProbability() {
            return rows.stream().mapToDouble(Row::flipProbability).average().orElse(Double.NaN);
        }

        /** mFR: the mean flip rate against the baseline; NaN without one. */
        public double meanFlipRate() {
            return CorruptionErrors.meanOfDefined(rows.stream().mapToDouble(Row::flipRate).toArray());
        }
    }

    private final Classifier model;
    private final Classifier baseline;
    private final LabelledDataset data;
    private final Options options;

    public PerturbationEvaluation(Classifier model, Classifier baseline, LabelledDataset data, Options options) {
        if (model == null || data == null || options == null) {
            throw new IllegalArgumentException("model, data and options are required");
        }
        this.model = model;
        this.baseline = baseline;
        this.data = data;
        this.options = options;
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken cancellation) {
        Images images = data.images();
        double scale = Double.isNaN(options.spatialScale())
                ? CorruptionOptions.defaultSpatialScale(images.height(), images.width()) : options.spatialScale();
        CorruptionOptions co = CorruptionOptions.forInput(model.inputSpec(), scale);
        List<Row> rows = new ArrayList<>();
        int total = options.perturbations().size() * data.size();
        int done = 0;
        for (Perturbation p : options.perturbations()) {
            int[][] mine = new int[data.size()][];
            int[][] theirs = new int[data.size()][];
            for (int i = 0; i < data.size(); i++) {
                cancellation.throwIfCancelled();
                Images frames = p.frames(images.image(i), options.frames(), options.seed() + i, co);
                mine[i] = model.predict(Nd4j.create(frames.pixels(), model.inputSpec().shape(frames.count()), 'c'));
                if (baseline != null) {
                    theirs[i] = baseline.predict(Nd4j.create(frames.pixels(),
                            baseline.inputSpec().shape(frames.count()), 'c'));
                }
                progress.onProgress((double) ++done / total, String.format(Locale.ROOT, "%s: %d/%d sequences",
                        p.id(), i + 1, data.size()));
            }
            rows.add(new Row(p, FlipProbability.of(mine, p.comparesToFirst()),
                    baseline == null ? Double.NaN : FlipProbability.of(theirs, p.comparesToFirst())));
        }
        return new Result(options, data.size(), baseline == null ? null : baseline.info().name(), rows);
    }
}
