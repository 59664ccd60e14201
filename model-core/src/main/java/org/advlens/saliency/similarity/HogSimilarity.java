package org.advlens.saliency.similarity;

/**
 * Similarity of two maps' histograms of oriented gradients (HOG; Dalal and Triggs, "Histograms of Oriented
 * Gradients for Human Detection", 2005): the Pearson correlation of their HOG feature vectors, as in Adebayo et
 * al. (2018). The maps are first taken as absolute values normalised to [0, 1].
 *
 * <p>The features follow scikit-image's {@code hog}: central-difference gradients (zero on the border), 9
 * unsigned orientation bins over [0, 180) degrees, magnitude-weighted histograms averaged over square cells,
 * blocks of 2 x 2 cells moved one cell at a time, each normalised with L2-Hys (clip at 0.2). The cell side is a
 * seventh of the map's smaller side (4 pixels for 28 x 28), at least one pixel.
 */
public final class HogSimilarity {

    private static final int BINS = 9;
    private static final int BLOCK = 2;
    private static final double EPS = 1e-5;

    private HogSimilarity() {
    }

    /** Pearson correlation of the HOG features of {@code |a|} and {@code |b|}, each normalised to [0, 1]. */
    public static double ofAbsoluteNormalised(float[] a, float[] b, int height, int width) {
        SpearmanRankCorrelation.checkLengths(a, b);
        float[] na = StructuralSimilarity.normalisedAbsolute(a);
        float[] nb = StructuralSimilarity.normalisedAbsolute(b);
        double[] fa = features(na, height, width);
        double[] fb = features(nb, height, width);
        return SpearmanRankCorrelation.pearsonOrZero(fa, fb, java.util.Arrays.equals(na, nb));
    }

    /** The cell side used for a {@code height x width} map. */
    static int cellSize(int height, int width) {
        return Math.max(1, Math.min(height, width) / 7);
    }

    /** The HOG feature vector of a {@code height x width} map. */
    public static double[] features(float[] m, int height, int width) {
        if (m.length != height * width) {
            throw new IllegalArgumentException("a map of " + m.length + " values is not " + height + "x" + width);
        }
        int cell = cellSize(height, width);
        int cy = height / cell;
        int cx = width / cell;
        double[][][] hist = new double[cy][cx][BINS];
        for (int y = 0; y < cy * cell; y++) {
            for (int x = 0; x < cx * cell; x++) {
                double gy = y == 0 || y == height - 1 ? 0 : m[(y + 1) * width + x] - m[(y - 1) * width + x];
                double gx = x == 0 || x == width - 1 ? 0 : m[y * width + x + 1] - m[y * width + x - 1];
                double mag = Math.hypot(gx, gy);
                double angle = Math.toDegrees(Math.atan2(gy, gx));
                if (angle < 0) {
                    angle += 180;
                }
                int bin = Math.min(BINS - 1, (int) (angle / (180.0 / BINS)));
                hist[y / cell][x / cell][bin] += mag / (cell * cell);
            }
        }
        int by = Math.max(0, cy - BLOCK + 1);
        int bx = Math.max(0, cx - BLOCK + 1);
        if (by == 0 || bx == 0) {
            // Too small for a block: the cell histograms themselves.
            double[] out = new double[cy * cx * BINS];
            int k = 0;
            for (double[][] row : hist) {
                for (double[] h : row) {
                    for (double v : h) {
                        out[k++] = v;
                    }
                }
            }
            return out;
        }
        double[] out = new double[by * bx * BLOCK * BLOCK * BINS];
        int k = 0;
        double[] block = new double[BLOCK * BLOCK * BINS];
        for (int y = 0; y < by; y++) {
            for (int x = 0; x < bx; x++) {
                int j = 0;
                for (int dy = 0; dy < BLOCK; dy++) {
                    for (int dx = 0; dx < BLOCK; dx++) {
                        for (int b = 0; b < BINS; b++) {
                            block[j++] = hist[y + dy][x + dx][b];
                        }
                    }
                }
                l2Hys(block);
                System.arraycopy(block, 0, out, k, block.length);
                k += block.length;
            }
        }
        return out;
    }

    private static void l2Hys(double[] v) {
        normalise(v);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(v[i], 0.2);
        }
        normalise(v);
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double n = Math.sqrt(s + EPS * EPS);
        for (int i = 0; i < v.length; i++) {
            v[i] /= n;
        }
    }
}
