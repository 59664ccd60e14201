package org.advlens.corruption;

import java.util.SplittableRandom;

/**
 * The blur corruptions of ImageNet-C (defocus, glass, motion, zoom) and the extra Gaussian blur, with the severity
 * constants of the reference implementation (bethgelab/imagecorruptions). Lengths in pixels (blur widths, radii,
 * shuffle distances) are those of the 224-pixel reference times the spatial scale; zoom factors are relative and
 * kept.
 */
final class BlurCorruptions {

    private static final double[] GAUSSIAN = {1, 2, 3, 4, 6};
    /** sigma, largest shift, iterations. */
    private static final double[][] GLASS = {{0.7, 1, 2}, {0.9, 2, 1}, {1, 2, 3}, {1.1, 3, 2}, {1.5, 4, 2}};
    /** disk radius, anti-aliasing sigma. */
    private static final double[][] DEFOCUS = {{3, 0.1}, {4, 0.5}, {6, 0.5}, {8, 0.5}, {10, 0.5}};
    /** radius, sigma. */
    private static final double[][] MOTION = {{10, 3}, {15, 5}, {15, 8}, {15, 12}, {20, 15}};
    /** start, stop (exclusive), step of the zoom factors, as NumPy's arange. */
    private static final double[][] ZOOM = {{1, 1.11, 0.01}, {1, 1.16, 0.01}, {1, 1.21, 0.02}, {1, 1.26, 0.02},
        {1, 1.31, 0.03}};

    private BlurCorruptions() {
    }

    static float[] gaussian(Raster x, int severity, SplittableRandom random, double scale) {
        return Raster.clip(Filters.gaussian(x, GAUSSIAN[severity - 1] * scale));
    }

    /**
     * Blur, then swap every pixel with a random neighbour up to the shuffle distance away (in the reference's
     * order, bottom-right to top-left, as many passes as it makes), then blur again; as in the reference, the first
     * blur is quantised to 8 bits. The reference draws whole-pixel offsets in {@code [-d, d)}; scaled distances are
     * below a pixel on small images, so each offset here is {@code floor(d s u + v)} with {@code u} uniform in
     * [-1, 1] and {@code v} in [0, 1): whole pixels whose spread grows continuously with the scaled distance.
     */
    static float[] glass(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = GLASS[severity - 1];
        double sigma = c[0] * scale;
        double d = c[1] * scale;
        int reach = (int) Math.ceil(d);
        int iterations = (int) c[2];
        float[] v = Filters.gaussian(x, sigma);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.floor(Raster.clip(v[i]) * 255) / 255f;
        }
        int h = x.height();
        int w = x.width();
        int plane = x.plane();
        for (int it = 0; it < iterations; it++) {
            for (int y = h - 1 - reach; y >= reach; y--) {
                for (int xx = w - 1 - reach; xx >= reach; xx--) {
                    int dx = offset(d, random);
                    int dy = offset(d, random);
                    int a = y * w + xx;
                    int b = (y + dy) * w + xx + dx;
                    for (int ch = 0; ch < x.channels(); ch++) {
                        float t = v[ch * plane + a];
                        v[ch * plane + a] = v[ch * plane + b];
                        v[ch * plane + b] = t;
                    }
                }
            }
        }
        return Raster.clip(Filters.gaussian(x.with(v), sigma));
    }

    private static int offset(double d, SplittableRandom random) {
        int o = (int) Math.floor(d * random.nextDouble(-1, 1) + random.nextDouble());
        int reach = (int) Math.ceil(d);
        return Math.max(-reach, Math.min(reach, o));
    }

    /**
     * Correlation with a disk of the given radius, anti-aliased by a small Gaussian. The reference draws an
     * aliased disk (pixels whose centre is inside); here each pixel's weight is the fraction of it the disk covers
     * (8 x 8 sub-samples), so that radii below a few pixels still grow the blur continuously.
     */
    static float[] defocus(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = DEFOCUS[severity - 1];
        double[][] kernel = disk(c[0] * scale, c[1] * scale);
        float[] out = new float[x.v().length];
        for (int ch = 0; ch < x.channels(); ch++) {
            System.arraycopy(Filters.correlate(x.channel(ch), x.height(), x.width(), kernel), 0, out,
                    ch * x.plane(), x.plane());
        }
        return Raster.clip(out);
    }

    static double[][] disk(double radius, double aliasSigma) {
        int r = (int) Math.ceil(radius) + 1;
        int n = 2 * r + 1;
        double[][] k = new double[n][n];
        double sum = 0;
        int sub = 8;
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                int inside = 0;
                for (int sy = 0; sy < sub; sy++) {
                    for (int sx = 0; sx < sub; sx++) {
                        double py = y - 0.5 + (sy + 0.5) / sub;
                        double px = x - 0.5 + (sx + 0.5) / sub;
                        inside += py * py + px * px <= radius * radius ? 1 : 0;
                    }
                }
                k[y + r][x + r] = inside;
                sum += inside;
            }
        }
        for (double[] row : k) {
            for (int i = 0; i < n; i++) {
                row[i] /= sum;
            }
        }
        if (aliasSigma <= 0) {
            return k;
        }
        // OpenCV's 3 x 3 GaussianBlur of the kernel itself, border mirrored about the edge pixel
        double[] g = Filters.gaussianKernel(aliasSigma, 1.0 / aliasSigma); // radius 1
        float[] flat = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                flat[y * n + x] = (float) k[y][x];
            }
        }
        float[] blurred = Filters.separable(flat, n, n, g, Filters.Edge.REFLECT_101);
        double[][] out = new double[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                out[y][x] = blurred[y * n + x];
            }
        }
        return out;
    }

    /** The reference's shifted-copies motion blur, at an angle drawn uniformly in [-45, 45] degrees. */
    static float[] motion(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = MOTION[severity - 1];
        int radius = Math.max(1, (int) Math.round(c[0] * scale));
        double sigma = c[1] * scale;
        double angle = random.nextDouble(-45, 45);
        float[] out = new float[x.v().length];
        for (int ch = 0; ch < x.channels(); ch++) {
            System.arraycopy(Filters.motionBlur(x.channel(ch), x.height(), x.width(), radius, sigma, angle), 0,
                    out, ch * x.plane(), x.plane());
        }
        return Raster.clip(out);
    }

    /** The mean of the image and its central crops enlarged by each zoom factor. */
    static float[] zoom(Raster x, int severity, SplittableRandom random, double scale) {
        double[] factors = arange(ZOOM[severity - 1]);
        float[] out = x.v().clone();
        for (int ch = 0; ch < x.channels(); ch++) {
            float[] plane = x.channel(ch);
            for (double z : factors) {
                float[] layer = Filters.clippedZoom(plane, x.height(), x.width(), z);
                for (int i = 0; i < layer.length; i++) {
                    out[ch * x.plane() + i] += layer[i];
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Raster.clip(out[i] / (factors.length + 1));
        }
        return out;
    }

    /** NumPy's {@code arange(start, stop, step)}. */
    static double[] arange(double[] startStopStep) {
        int n = (int) Math.ceil((startStopStep[1] - startStopStep[0]) / startStopStep[2] - 1e-9);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = startStopStep[0] + i * startStopStep[2];
        }
        return v;
    }
}
