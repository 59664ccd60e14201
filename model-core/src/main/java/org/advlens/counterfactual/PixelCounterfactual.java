package org.advlens.counterfactual;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.model.Classifier;

/**
 * Pixel-space counterfactuals after Wachter, Mittelstadt and Russell, "Counterfactual Explanations without Opening
 * the Black Box", Harvard J. Law &amp; Technology, 2017: minimise, over the change {@code d = x' - x} (in units of
 * the pixel range),
 * {@code CE(model(x + d), target) + l1 * |d|_1 + l2 * |d|_2^2 + tv * TV(d)}
 * inside the model's bounds, stopping as soon as the target probability reaches the confidence. TV is the smoothed
 * isotropic total variation of the change, which favours blob-like edits over scattered noise.
 *
 * <p>Each step moves the smooth part's gradient a fixed L2 length ({@code stepSize}, a fraction of the range), then
 * applies the L1 term's proximal map (soft-thresholding by {@code stepSize * l1}, as in ISTA) and clips to the
 * bounds. Without L1 and TV on a linear model every step runs along the weight difference, so the result is the
 * minimal change that reaches the confidence.
 */
public final class PixelCounterfactual extends IterativeCounterfactual {

    /** Name used in files and reports. */
    public static final String NAME = "pixel";

    private static final double TV_EPSILON = 1e-3;

    /**
     * Settings.
     *
     * @param confidence stop when the target probability reaches this, in (0, 1)
     * @param l1 weight of the L1 distance (sparse changes), at least 0
     * @param l2 weight of the squared L2 distance (small changes), at least 0
     * @param tv weight of the total variation of the change (smooth changes), at least 0
     * @param stepSize L2 length of one gradient step as a fraction of the pixel range, in (0, 10]
     * @param maxSteps most steps per image, in [1, 100000]
     * @param pathPoints about how many intermediate images to keep, in [2, 1000]
     * @param batchSize images optimised together, in [1, 4096]
     */
    public record Options(double confidence, double l1, double l2, double tv, double stepSize, int maxSteps,
                          int pathPoints, int batchSize) implements SearchSettings {

        public Options {
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
            }
            if (!(l1 >= 0) || !(l2 >= 0) || !(tv >= 0) || Double.isInfinite(l1 + l2 + tv)) {
                throw new IllegalArgumentException("the weights l1, l2 and tv must be finite and >= 0, got " + l1
                        + ", " + l2 + ", " + tv);
            }
            if (!(stepSize > 0 && stepSize <= 10)) {
                throw new IllegalArgumentException("stepSize must be in (0, 10], got " + stepSize);
            }
            if (maxSteps < 1 || maxSteps > 100_000) {
                throw new IllegalArgumentException("maxSteps must be in [1, 100000], got " + maxSteps);
            }
            if (pathPoints < 2 || pathPoints > 1000) {
                throw new IllegalArgumentException("pathPoints must be in [2, 1000], got " + pathPoints);
            }
            if (batchSize < 1 || batchSize > 4096) {
                throw new IllegalArgumentException("batchSize must be in [1, 4096], got " + batchSize);
            }
        }

        public static Options defaults() {
            return new Options(0.9, 0.002, 0.02, 0.02, 0.05, 400, 10, 64);
        }

        public Options withConfidence(double v) {
            return new Options(v, l1, l2, tv, stepSize, maxSteps, pathPoints, batchSize);
        }

        public Options withWeights(double newL1, double newL2, double newTv) {
            return new Options(confidence, newL1, newL2, newTv, stepSize, maxSteps, pathPoints, batchSize);
        }

        public Options withStepSize(double v) {
            return new Options(confidence, l1, l2, tv, v, maxSteps, pathPoints, batchSize);
        }

        public Options withMaxSteps(int v) {
            return new Options(confidence, l1, l2, tv, stepSize, v, pathPoints, batchSize);
        }

        public Options withPathPoints(int v) {
            return new Options(confidence, l1, l2, tv, stepSize, maxSteps, v, batchSize);
        }

        public Options withBatchSize(int v) {
            return new Options(confidence, l1, l2, tv, stepSize, maxSteps, pathPoints, v);
        }
    }

    private final Options options;

    public PixelCounterfactual() {
        this(Options.defaults());
    }

    public PixelCounterfactual(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Pixel-space counterfactual (Wachter et al. 2017)";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("confidence", options.confidence());
        p.put("l1", options.l1());
        p.put("l2", options.l2());
        p.put("tv", options.tv());
        p.put("step_size", options.stepSize());
        p.put("max_steps", options.maxSteps());
        return p;
    }

    @Override
    SearchSettings settings() {
        return options;
    }

    @Override
    Search begin(Classifier model, float[][] x, int[] targets) {
        return new PixelSearch(x, model.inputSpec().lower(), model.inputSpec().upper(), model.inputSpec().channels(),
                model.inputSpec().height(), model.inputSpec().width());
    }

    private final class PixelSearch implements Search {
        private final float[][] x0;
        private final float[][] x;
        private final float[][] previous;
        private final double lower;
        private final double range;
        private final int channels;
        private final int height;
        private final int width;

        PixelSearch(float[][] x0, double lower, double upper, int channels, int height, int width) {
            this.x0 = x0;
            this.x = new float[x0.length][];
            this.previous = new float[x0.length][];
            for (int i = 0; i < x0.length; i++) {
                x[i] = x0[i].clone();
                previous[i] = x0[i].clone();
            }
            this.lower = lower;
            this.range = upper - lower;
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        @Override
        public float[][] images(int[] rows) {
            float[][] out = new float[rows.length][];
            for (int k = 0; k < rows.length; k++) {
                out[k] = x[rows[k]].clone();
            }
            return out;
        }

        @Override
        public void step(int[] rows, float[][] lossGradient) {
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                previous[i] = x[i].clone();
                int n = x[i].length;
                double[] d = new double[n];
                double[] g = new double[n];
                for (int j = 0; j < n; j++) {
                    d[j] = (x[i][j] - x0[i][j]) / range;
                    // Chain rule: the change is in units of the range.
                    g[j] = lossGradient[k][j] * range + 2 * options.l2() * d[j];
                }
                if (options.tv() > 0) {
                    addTotalVariationGradient(d, g, options.tv());
                }
                double norm = 0;
                for (double v : g) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                double scale = norm > 0 ? options.stepSize() / norm : 0;
                double threshold = options.stepSize() * options.l1();
                double upper = lower + range;
                for (int j = 0; j < n; j++) {
                    double v = d[j] - scale * g[j];
                    v = Math.signum(v) * Math.max(0, Math.abs(v) - threshold);
                    double px = x0[i][j] + v * range;
                    x[i][j] = (float) Math.min(upper, Math.max(lower, px));
                }
            }
        }

        @Override
        public float[] between(int row, double t) {
            float[] out = new float[x[row].length];
            for (int j = 0; j < out.length; j++) {
                out[j] = (float) (previous[row][j] + t * (x[row][j] - previous[row][j]));
            }
            return out;
        }

        /** Adds {@code weight * dTV/dd} for the smoothed isotropic TV of each channel of {@code d}. */
        private void addTotalVariationGradient(double[] d, double[] g, double weight) {
            int plane = height * width;
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                for (int y = 0; y < height; y++) {
                    for (int xx = 0; xx < width; xx++) {
                        int p = base + y * width + xx;
                        double dx = xx + 1 < width ? d[p + 1] - d[p] : 0;
                        double dy = y + 1 < height ? d[p + width] - d[p] : 0;
                        double mag = Math.sqrt(dx * dx + dy * dy + TV_EPSILON * TV_EPSILON);
                        g[p] -= weight * (dx + dy) / mag;
                        if (xx + 1 < width) {
                            g[p + 1] += weight * dx / mag;
                        }
                        if (y + 1 < height) {
                            g[p + width] += weight * dy / mag;
                        }
                    }
                }
            }
        }
    }
}
