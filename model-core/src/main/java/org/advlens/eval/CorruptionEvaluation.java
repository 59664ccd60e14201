package org.advlens.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.advlens.corruption.Corruption;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Top-1 error of a classifier on a labelled data set under common corruptions, per corruption and severity, with
 * the corruption errors and their means of Hendrycks and Dietterich, "Benchmarking Neural Network Robustness to
 * Common Corruptions and Perturbations" (ICLR 2019).
 *
 * <p>The baseline the errors are normalised by is either a second model, evaluated on the very same corrupted
 * images (the paper uses AlexNet), or, without one, the model itself at severity 0: every severity's baseline
 * error is the model's clean error, so {@code CE_c} says how many times its clean error the model makes under
 * corruption {@code c}. The relative mCE needs a baseline that degrades, and is undefined without a second model.
 */
public final class CorruptionEvaluation implements Job<CorruptionEvaluation.Result> {

    /**
     * What to run.
     *
     * @param corruptions the corruptions, at least one
     * @param severities the severities, each 1 to 5, at least one, no repeats
     * @param seed the seed of the corruptions' random draws
     * @param batchSize images corrupted and classified together
     * @param spatialScale the factor on the reference's lengths, or {@code NaN} for the default for the input size
     */
    public record Options(List<Corruption> corruptions, int[] severities, long seed, int batchSize,
                          double spatialScale) implements java.io.Serializable {

        public Options {
            if (corruptions == null || corruptions.isEmpty()) {
                throw new IllegalArgumentException("at least one corruption is required");
            }
            corruptions = List.copyOf(corruptions);
            if (severities == null || severities.length == 0) {
                throw new IllegalArgumentException("at least one severity is required");
            }
            severities = severities.clone();
            for (int s : severities) {
                if (s < 1 || s > Corruption.MAX_SEVERITY) {
                    throw new IllegalArgumentException("severities must be 1 to 5, got " + s);
                }
            }
            if (Arrays.stream(severities).distinct().count() != severities.length) {
                throw new IllegalArgumentException("severities repeat: " + Arrays.toString(severities));
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            if (!Double.isNaN(spatialScale) && !(spatialScale > 0)) {
                throw new IllegalArgumentException("spatial scale must be positive (or NaN for the default), got "
                        + spatialScale);
            }
        }

        /** All 19 corruptions at severities 1 to 5. */
        public static Options all(long seed) {
            return new Options(List.of(Corruption.values()), new int[] {1, 2, 3, 4, 5}, seed, 250, Double.NaN);
        }

        @Override
        public int[] severities() {
            return severities.clone();
        }
    }

    /**
     * One corruption's errors.
     *
     * @param corruption the corruption
     * @param errors top-1 error at each of the run's severities
     * @param baselineErrors the baseline's errors at the same severities (the clean error repeated when the
     *                       baseline is the model at severity 0)
     * @param corruptionError {@code CE_c}, NaN when undefined
     * @param relativeCorruptionError relative {@code CE_c}, NaN without a baseline model or when undefined
     */
    public record Row(Corruption corruption, double[] errors, double[] baselineErrors, double corruptionError,
                      double relativeCorruptionError) {

        public Row {
            errors = errors.clone();
            baselineErrors = baselineErrors.clone();
        }

        @Override
        public double[] errors() {
            return errors.clone();
        }

        @Override
        public double[] baselineErrors() {
            return baselineErrors.clone();
        }

        /** The mean error over the severities. */
        public double meanError() {
            return Arrays.stream(errors).average().orElse(Double.NaN);
        }
    }

    /**
     * The evaluation's result.
     *
     * @param options what was run
     * @param spatialScale the scale the corruptions used
     * @param images the number of images
     * @param cleanError the model's top-1 error on the clean images
     * @param baselineName the baseline model's name, or {@code null} when the baseline is the model at severity 0
     * @param baselineCleanError the baseline's clean error (the model's own without a baseline model)
     * @param rows one per corruption, in the options' order
     * @param corruptSeconds time spent corrupting images
     * @param classifySeconds time spent in the models' forward passes
     */
    public record Result(Options options, double spatialScale, int images, double cleanError, String baselineName,
                         double baselineCleanError, List<Row> rows, double corruptSeconds, double classifySeconds) {

        public Result {
            rows = List.copyOf(rows);
        }

        /** Whether a second model is the baseline. */
        public boolean hasBaselineModel() {
            return baselineName != null;
        }

        /** mCE: the mean {@code CE_c} over the run's ImageNet-C corruptions (the 15; NaN if none was run). */
        public double meanCorruptionError() {
            return mean(true, false);
        }

        /** Relative mCE over the run's ImageNet-C corruptions; NaN without a baseline model. */
        public double relativeMeanCorruptionError() {
            return mean(true, true);
        }

        /** The mean {@code CE_c} over the run's extra corruptions (speckle, Gaussian blur, spatter, saturate). */
        public double extraMeanCorruptionError() {
            return mean(false, false);
        }

        /** The relative mean over the run's extra corruptions. */
        public double extraRelativeMeanCorruptionError() {
            return mean(false, true);
        }

        /** The mean top-1 error over every corruption and severity run. */
        public double meanError() {
            return rows.stream().mapToDouble(Row::meanError).average().orElse(Double.NaN);
        }

        private double mean(boolean benchmark, boolean relative) {
            return CorruptionErrors.meanOfDefined(rows.stream().filter(r -> r.corruption().benchmark() == benchmark)
                    .mapToDouble(r -> relative ? r.relativeCorruptionError() : r.corruptionError()).toArray());
        }
    }

    private final Classifier model;
    private final Classifier baseline;
    private final LabelledDataset data;
    private final Options options;

    /**
     * @param baseline a second model for the normalisation, evaluated on the same corrupted images, or {@code null}
     *                 for the model itself at severity 0
     */
    public CorruptionEvaluation(Classifier model, Classifier baseline, LabelledDataset data, Options options) {
        if (model == null || data == null || options == null) {
            throw new IllegalArgumentException("model, data and options are required");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set holds no images");
        }
        if (baseline != null && !baseline.inputSpec().equals(model.inputSpec())) {
            throw new IllegalArgumentException("the baseline model expects " + baseline.inputSpec()
                    + " but the model expects " + model.inputSpec());
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
        int[] sev = options.severities();
        long totalBatches = (long) options.corruptions().size() * sev.length * batches() + batches();
        long done = 0;
        double[] seconds = new double[2];
        int[] cleanWrong = {0, 0};
        for (int from = 0; from < data.size(); from += options.batchSize()) {
            cancellation.throwIfCancelled();
            int to = Math.min(data.size(), from + options.batchSize());
            countWrong(images.slice(from, to), from, cleanWrong, seconds);
            progress.onProgress((double) ++done / totalBatches, "clean images " + to + "/" + data.size());
        }
        double clean = (double) cleanWrong[0] / data.size();
        double baseClean = baseline == null ? clean : (double) cleanWrong[1] / data.size();
        List<Row> rows = new ArrayList<>();
        for (Corruption c : options.corruptions()) {
            double[] errors = new double[sev.length];
            double[] baseErrors = new double[sev.length];
            for (int k = 0; k < sev.length; k++) {
                int[] wrong = {0, 0};
                for (int from = 0; from < data.size(); from += options.batchSize()) {
                    cancellation.throwIfCancelled();
                    int to = Math.min(data.size(), from + options.batchSize());
                    long t0 = System.nanoTime();
                    Images corrupted = c.apply(images.slice(from, to), sev[k], options.seed(), from, co);
                    seconds[0] += (System.nanoTime() - t0) / 1e9;
                    countWrong(corrupted, from, wrong, seconds);
                    progress.onProgress((double) ++done / totalBatches, String.format(Locale.ROOT,
                            "%s severity %d: %d/%d images, error %.3f", c.id(), sev[k], to, data.size(),
                            (double) wrong[0] / to));
                }
                errors[k] = (double) wrong[0] / data.size();
                baseErrors[k] = baseline == null ? clean : (double) wrong[1] / data.size();
            }
            rows.add(row(c, errors, baseErrors, clean, baseClean, baseline != null));
        }
        return new Result(options, scale, data.size(), clean, baseline == null ? null : baseline.info().name(),
                baseClean, rows, seconds[0], seconds[1]);
    }

    /**
     * One corruption's row from its errors: {@code CE_c}, and the relative {@code CE_c} when a second model is the
     * baseline.
     */
    public static Row row(Corruption c, double[] errors, double[] baselineErrors, double cleanError,
                          double baselineCleanError, boolean baselineModel) {
        double ce = CorruptionErrors.corruptionError(errors, baselineErrors);
        double rel = !baselineModel ? Double.NaN
                : CorruptionErrors.relativeCorruptionError(errors, cleanError, baselineErrors, baselineCleanError);
        return new Row(c, errors, baselineErrors, ce, rel);
    }

    /** The model's predictions on a batch of images, passed in the model's own input shape. */
    public static int[] predict(Classifier model, Images batch) {
        return model.predict(Nd4j.create(batch.pixels(), model.inputSpec().shape(batch.count()), 'c'));
    }

    private int batches() {
        return (data.size() + options.batchSize() - 1) / options.batchSize();
    }

    /** Adds the model's (and the baseline's) wrong predictions on a batch starting at {@code from}. */
    private void countWrong(Images batch, int from, int[] wrong, double[] seconds) {
        long t0 = System.nanoTime();
        int[] p = predict(model, batch);
        int[] q = baseline == null ? null : predict(baseline, batch);
        seconds[1] += (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < batch.count(); i++) {
            int label = data.label(from + i);
            wrong[0] += p[i] != label ? 1 : 0;
            if (q != null) {
                wrong[1] += q[i] != label ? 1 : 0;
            }
        }
    }
}
