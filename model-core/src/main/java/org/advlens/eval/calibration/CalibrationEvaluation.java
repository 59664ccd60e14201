package org.advlens.eval.calibration;

import java.util.Locale;
import java.util.SplittableRandom;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;

/**
 * Calibration of a classifier on a labelled data set: the data are split at random (seeded) into a calibration
 * part, on which {@link TemperatureScaling} fits its temperature, and an evaluation part, on which the
 * {@link CalibrationReport} is measured before (T = 1) and after, with the {@link SelectiveClassification}
 * risk-coverage curve of the maximum softmax probability at both temperatures and, optionally, of the smoothed
 * classifier's vote share (Cohen, Rosenfeld and Kolter, ICML 2019: the fraction of noisy copies on which the base
 * classifier returns the smoothed prediction). Forward passes run in batches with progress and cancellation.
 */
public final class CalibrationEvaluation implements Job<CalibrationEvaluation.Result> {

    /**
     * @param bins reliability-diagram bins
     * @param calibrationFraction the fraction of the data that fits the temperature, in (0, 1)
     * @param seed the split's seed (and the smoothing noise's)
     * @param targetRisk the selective risk at which coverage is reported, in [0, 1]
     * @param batchSize images per forward pass
     * @param smoothing the smoothed classifier's noise, samples ({@code n}) and batch, or {@code null} for none
     */
    public record Options(int bins, double calibrationFraction, long seed, double targetRisk, int batchSize,
                          RandomizedSmoothing.Options smoothing) {
        public Options {
            CalibrationReport.checkBins(bins);
            if (!(calibrationFraction > 0 && calibrationFraction < 1)) {
                throw new IllegalArgumentException("the calibration fraction must be in (0, 1), got "
                        + calibrationFraction);
            }
            if (!(targetRisk >= 0 && targetRisk <= 1)) {
                throw new IllegalArgumentException("target risk must be in [0, 1], got " + targetRisk);
            }
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batch size must be in [1, 100000], got " + batchSize);
            }
        }
    }

    /**
     * @param options the run's options
     * @param fit the fitted temperature, with the calibration part's NLL before and after
     * @param before the evaluation part at T = 1
     * @param after the evaluation part at the fitted temperature
     * @param selectiveBefore risk-coverage of the maximum softmax probability at T = 1
     * @param selectiveAfter risk-coverage of the maximum softmax probability at the fitted temperature
     * @param selectiveSmoothed risk-coverage of the smoothed classifier's vote share, or {@code null}
     */
    public record Result(Options options, TemperatureScaling.Fit fit, CalibrationReport before,
                         CalibrationReport after, SelectiveClassification selectiveBefore,
                         SelectiveClassification selectiveAfter, SelectiveClassification selectiveSmoothed) {
    }

    private final Classifier model;
    private final LabelledDataset data;
    private final LabelledDataset evaluated;
    private final Options options;

    public CalibrationEvaluation(Classifier model, LabelledDataset data, Options options) {
        this(model, data, data, options);
    }

    /**
     * Calibration under a distribution shift (Ovadia et al., "Can You Trust Your Model's Uncertainty? Evaluating
     * Predictive Uncertainty Under Dataset Shift", NeurIPS 2019): the temperature is fitted on the calibration
     * split of {@code data}, and every measure is taken on the evaluation split of {@code shifted}, the same
     * images with the same labels after a shift such as a corruption.
     */
    public CalibrationEvaluation(Classifier model, LabelledDataset data, LabelledDataset shifted, Options options) {
        if (model == null || data == null || shifted == null || options == null) {
            throw new IllegalArgumentException("model, data, shifted data and options are required");
        }
        if (shifted.size() != data.size() || !java.util.Arrays.equals(shifted.labels(), data.labels())) {
            throw new IllegalArgumentException("the shifted data must be the same " + data.size()
                    + " images with the same labels, got " + shifted.size());
        }
        int fit = fitCount(data.size(), options.calibrationFraction());
        if (fit < 1 || fit >= data.size()) {
            throw new IllegalArgumentException("a calibration fraction of " + options.calibrationFraction() + " of "
                    + data.size() + " images leaves " + fit + " to fit and " + (data.size() - fit)
                    + " to evaluate; both need at least one");
        }
        if (data.images().imageSize() != model.inputSpec().size()) {
            throw new IllegalArgumentException("the data's images have " + data.images().imageSize()
                    + " values, the model takes " + model.inputSpec().size());
        }
        this.model = model;
        this.data = data;
        this.evaluated = shifted;
        this.options = options;
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken cancellation) {
        int n = data.size();
        int steps = (n + options.batchSize() - 1) / options.batchSize();
        int[] split = permutation(n, options.seed());
        int fitCount = fitCount(n, options.calibrationFraction());
        int[] fitIndices = java.util.Arrays.copyOfRange(split, 0, fitCount);
        int[] evalIndices = java.util.Arrays.copyOfRange(split, fitCount, n);
        boolean shift = evaluated != data;
        int total = steps * (shift ? 2 : 1) + (options.smoothing() == null ? 0 : evalIndices.length);
        float[][] clean = logits(data, progress, 0, total, cancellation);
        float[][] shifted = shift ? logits(evaluated, progress, steps, total, cancellation) : clean;
        Predictions fitPart = Predictions.of(clean, data.labels()).subset(fitIndices);
        Predictions evalPart = Predictions.of(shifted, data.labels()).subset(evalIndices);
        TemperatureScaling.Fit fit = TemperatureScaling.fit(fitPart);
        CalibrationReport before = CalibrationReport.of(evalPart, 1, options.bins());
        CalibrationReport after = CalibrationReport.of(evalPart, fit.temperature(), options.bins());
        SelectiveClassification smoothed = options.smoothing() == null ? null
                : smoothed(evalIndices, progress, steps * (shift ? 2 : 1), total, cancellation);
        return new Result(options, fit, before, after, selective(evalPart, 1), selective(evalPart,
                fit.temperature()), smoothed);
    }

    private float[][] logits(LabelledDataset set, ProgressListener progress, int done, int total,
                             CancellationToken cancellation) {
        int n = set.size();
        float[][] logits = new float[n][];
        for (int from = 0, step = done; from < n; from += options.batchSize(), step++) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + options.batchSize());
            float[][] z = Logits.rows(model.logits(set.images().slice(from, to).toArray()));
            System.arraycopy(z, 0, logits, from, z.length);
            progress.onProgress((double) (step + 1) / total, String.format(Locale.ROOT, "logits %d/%d images%s",
                    to, n, set == data ? "" : " (shifted)"));
        }
        return logits;
    }

    private SelectiveClassification selective(Predictions p, double temperature) {
        double[] confidence = new double[p.size()];
        boolean[] correct = new boolean[p.size()];
        for (int i = 0; i < p.size(); i++) {
            int top = p.predicted(i);
            confidence[i] = p.probabilities(i, temperature)[top];
            correct[i] = top == p.label(i);
        }
        return SelectiveClassification.of(confidence, correct, options.targetRisk());
    }

    private SelectiveClassification smoothed(int[] indices, ProgressListener progress, int done, int total,
                                             CancellationToken cancellation) {
        RandomizedSmoothing smoothing = new RandomizedSmoothing(model, options.smoothing());
        int samples = options.smoothing().n();
        double[] confidence = new double[indices.length];
        boolean[] correct = new boolean[indices.length];
        for (int i = 0; i < indices.length; i++) {
            long[] votes = smoothing.voteCounts(evaluated.images().image(indices[i]), samples,
                    options.seed() * 1_000_003L + indices[i], cancellation);
            int top = 0;
            for (int k = 1; k < votes.length; k++) {
                if (votes[k] > votes[top]) {
                    top = k;
                }
            }
            confidence[i] = (double) votes[top] / samples;
            correct[i] = top == data.label(indices[i]);
            progress.onProgress((double) (done + i + 1) / total, String.format(Locale.ROOT,
                    "smoothed votes %d/%d images", i + 1, indices.length));
        }
        return SelectiveClassification.of(confidence, correct, options.targetRisk());
    }

    private static int fitCount(int n, double fraction) {
        return (int) Math.round(n * fraction);
    }

    /** A seeded Fisher-Yates shuffle of {@code 0..n-1}. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
