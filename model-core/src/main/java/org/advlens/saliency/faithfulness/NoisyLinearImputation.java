package org.advlens.saliency.faithfulness;

import java.util.SplittableRandom;

/**
 * Noisy linear imputation from ROAD (Rong, Leemann, Borisov, Kasneci and Kasneci, "A Consistent and Efficient
 * Evaluation Strategy for Attribution Methods", ICML 2022). Each removed pixel takes the weighted mean of its eight
 * neighbours, direct neighbours weighing {@code 1/6} and diagonal ones {@code 1/12} as in the paper, the weights
 * renormalised over the neighbours that lie inside the image. Removed neighbours are unknowns too, so the values
 * solve a sparse linear system; it is solved per channel by successive over-relaxation (Gauss-Seidel with
 * {@code omega = 1.8}) from the mean of the kept pixels until no value moves by more than the tolerance. Then
 * Gaussian noise of standard deviation {@code noise} is added to each imputed value, which is clipped to the bounds.
 *
 * <p>Unlike a constant fill, the imputed region carries no shape of the removal mask, so the classifier's drop in
 * confidence reflects the information removed rather than an out-of-distribution artefact. A linear ramp is
 * reproduced exactly where the removed pixels are away from the border, and a constant image stays constant.
 */
public final class NoisyLinearImputation {

    private static final double DIRECT = 1.0 / 6;
    private static final double DIAGONAL = 1.0 / 12;
    private static final double OMEGA = 1.8;
    private static final int MAX_ITERATIONS = 5_000;

    /**
     * @param noise standard deviation of the Gaussian noise added to imputed values, in pixel units, {@code >= 0}
     * @param tolerance the solver stops when no value changes by more than this, {@code > 0}
     * @param lower smallest valid pixel value
     * @param upper largest valid pixel value
     */
    public record Options(double noise, double tolerance, double lower, double upper) {
        public Options {
            if (!(noise >= 0) || !Double.isFinite(noise)) {
                throw new IllegalArgumentException("imputation noise must be finite and >= 0, got " + noise);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("imputation tolerance must be > 0, got " + tolerance);
            }
            if (!(lower < upper)) {
                throw new IllegalArgumentException("pixel bounds need lower < upper, got [" + lower + ", " + upper
                        + "]");
            }
        }
    }

    private NoisyLinearImputation() {
    }

    /**
     * The image with the positions where {@code removed} is true replaced by their imputation.
     *
     * @param image {@code channels x height x width} values
     * @param removed {@code height x width} flags
     * @param random the noise source; unused when the noise is 0
     */
    public static float[] impute(float[] image, int channels, int height, int width, boolean[] removed,
                                 Options options, SplittableRandom random) {
        int plane = height * width;
        if (image == null || image.length != channels * plane) {
            throw new IllegalArgumentException("expected " + channels * plane + " values for " + channels + "x"
                    + height + "x" + width + ", got " + (image == null ? "null" : image.length));
        }
        if (removed == null || removed.length != plane) {
            throw new IllegalArgumentException("expected " + plane + " removal flags, got "
                    + (removed == null ? "null" : removed.length));
        }
        float[] out = image.clone();
        for (int c = 0; c < channels; c++) {
            solve(out, c * plane, height, width, removed, options);
        }
        if (options.noise() > 0) {
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    if (removed[p]) {
                        int i = c * plane + p;
                        double v = out[i] + options.noise() * random.nextGaussian();
                        out[i] = (float) Math.max(options.lower(), Math.min(options.upper(), v));
                    }
                }
            }
        }
        return out;
    }

    private static void solve(float[] x, int base, int height, int width, boolean[] removed, Options options) {
        double keptSum = 0;
        int kept = 0;
        for (int p = 0; p < height * width; p++) {
            if (!removed[p]) {
                keptSum += x[base + p];
                kept++;
            }
        }
        double start = kept > 0 ? keptSum / kept : (options.lower() + options.upper()) / 2;
        double[] v = new double[height * width];
        for (int p = 0; p < v.length; p++) {
            v[p] = removed[p] ? start : x[base + p];
        }
        if (kept > 0) {
            for (int it = 0; it < MAX_ITERATIONS; it++) {
                double change = 0;
                for (int y = 0; y < height; y++) {
                    for (int xx = 0; xx < width; xx++) {
                        int p = y * width + xx;
                        if (!removed[p]) {
                            continue;
                        }
                        double sum = 0;
                        double weight = 0;
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                int ny = y + dy;
                                int nx = xx + dx;
                                if ((dy == 0 && dx == 0) || ny < 0 || ny >= height || nx < 0 || nx >= width) {
                                    continue;
                                }
                                double w = dy == 0 || dx == 0 ? DIRECT : DIAGONAL;
                                sum += w * v[ny * width + nx];
                                weight += w;
                            }
                        }
                        double updated = v[p] + OMEGA * (sum / weight - v[p]);
                        change = Math.max(change, Math.abs(updated - v[p]));
                        v[p] = updated;
                    }
                }
                if (change <= options.tolerance()) {
                    break;
                }
            }
        }
        for (int p = 0; p < v.length; p++) {
            if (removed[p]) {
                x[base + p] = (float) v[p];
            }
        }
    }
}
