package org.advlens.saliency.similarity;

/**
 * The structural similarity index, SSIM (Wang, Bovik, Sheikh and Simoncelli, "Image Quality Assessment: From
 * Error Visibility to Structural Similarity", 2004), of two single-channel maps, as Adebayo et al. (2018) use it:
 * on the absolute maps, each normalised to [0, 1] by its own minimum and maximum. The mean over every
 * {@code 7 x 7} window that lies inside the map (a smaller odd window for maps under 7 pixels), with uniform
 * window weights, sample covariances, data range 1 and {@code K1 = 0.01}, {@code K2 = 0.03}: the defaults of
 * scikit-image's {@code structural_similarity}.
 */
public final class StructuralSimilarity {

    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final int WINDOW = 7;

    private StructuralSimilarity() {
    }

    /** SSIM of the absolute maps {@code a} and {@code b} ({@code height x width}), each normalised to [0, 1]. */
    public static double ofAbsoluteNormalised(float[] a, float[] b, int height, int width) {
        return of(normalisedAbsolute(a), normalisedAbsolute(b), height, width);
    }

    /** SSIM of two maps whose values lie in [0, 1]; in [-1, 1], 1 for identical maps. */
    public static double of(float[] a, float[] b, int height, int width) {
        SpearmanRankCorrelation.checkLengths(a, b);
        if (a.length != height * width) {
            throw new IllegalArgumentException("maps of " + a.length + " values are not " + height + "x" + width);
        }
        int win = Math.min(WINDOW, Math.min(height, width));
        if (win % 2 == 0) {
            win--;
        }
        int np = win * win;
        double cov = np > 1 ? (double) np / (np - 1) : 1;
        double total = 0;
        int windows = 0;
        for (int y = 0; y + win <= height; y++) {
            for (int x = 0; x + win <= width; x++) {
                double ma = 0;
                double mb = 0;
                double aa = 0;
                double bb = 0;
                double ab = 0;
                for (int dy = 0; dy < win; dy++) {
                    for (int dx = 0; dx < win; dx++) {
                        int i = (y + dy) * width + x + dx;
                        ma += a[i];
                        mb += b[i];
                        aa += (double) a[i] * a[i];
                        bb += (double) b[i] * b[i];
                        ab += (double) a[i] * b[i];
                    }
                }
                ma /= np;
                mb /= np;
                double va = cov * (aa / np - ma * ma);
                double vb = cov * (bb / np - mb * mb);
                double vab = cov * (ab / np - ma * mb);
                total += ((2 * ma * mb + C1) * (2 * vab + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
                windows++;
            }
        }
        return total / windows;
    }

    /** {@code |v|} scaled to [0, 1] by its minimum and maximum; all zeros for a constant map. */
    static float[] normalisedAbsolute(float[] v) {
        float[] out = new float[v.length];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
            min = Math.min(min, out[i]);
            max = Math.max(max, out[i]);
        }
        float range = max - min;
        for (int i = 0; i < out.length; i++) {
            out[i] = range > 0 ? (out[i] - min) / range : 0f;
        }
        return out;
    }
}
