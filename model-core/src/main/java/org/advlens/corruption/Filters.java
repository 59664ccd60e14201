package org.advlens.corruption;

/**
 * Plain-Java filters on single planes (height x width, row-major) that stand in for the scikit-image, SciPy and
 * OpenCV calls of the reference corruptions: Gaussian blur, 2-D correlation with OpenCV's default border, the
 * reference's motion blur, and bilinear sampling.
 */
final class Filters {

    /** How values beyond the border are read. */
    enum Edge {
        /** The edge value repeated (SciPy 'nearest', scikit-image's Gaussian default). */
        NEAREST,
        /** Mirrored about the edge between pixels, {@code d c b a | a b c d} (SciPy 'reflect'). */
        REFLECT,
        /** Mirrored about the edge pixel, {@code d c b | a b c d} (OpenCV's BORDER_REFLECT_101). */
        REFLECT_101
    }

    private Filters() {
    }

    static int index(int i, int n, Edge edge) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (n == 1) {
            return 0;
        }
        switch (edge) {
            case NEAREST:
                return i < 0 ? 0 : n - 1;
            case REFLECT: {
                int period = 2 * n;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - 1 - m;
            }
            default: {
                int period = 2 * n - 2;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
            }
        }
    }

    /** A normalised 1-D Gaussian kernel of radius {@code round(truncate * sigma)} (at least 1), as SciPy's. */
    static double[] gaussianKernel(double sigma, double truncate) {
        int r = Math.max(1, (int) Math.round(truncate * sigma));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** The factor by which a separable 2-D Gaussian blur shrinks the standard deviation of white noise. */
    static double noiseAttenuation(double sigma, double truncate) {
        double s = 0;
        for (double w : gaussianKernel(sigma, truncate)) {
            s += w * w;
        }
        return s; // sqrt of (sum of squares)^2 for the two separable passes
    }

    /** A separable Gaussian blur of one plane; {@code sigma} 0 returns a copy. */
    static float[] gaussian(float[] plane, int h, int w, double sigma, double truncate, Edge edge) {
        if (sigma <= 0) {
            return plane.clone();
        }
        double[] k = gaussianKernel(sigma, truncate);
        return separable(plane, h, w, k, edge);
    }

    /** A separable correlation of one plane with {@code k} along rows, then along columns. */
    static float[] separable(float[] plane, int h, int w, double[] k, Edge edge) {
        int r = k.length / 2;
        float[] tmp = new float[plane.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -r; d <= r; d++) {
                    s += k[d + r] * plane[y * w + index(x + d, w, edge)];
                }
                tmp[y * w + x] = (float) s;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -r; d <= r; d++) {
                    s += k[d + r] * tmp[index(y + d, h, edge) * w + x];
                }
                out[y * w + x] = (float) s;
            }
        }
        return out;
    }

    /** Gaussian blur of every channel of a raster, edge values repeated (scikit-image's {@code gaussian}). */
    static float[] gaussian(Raster x, double sigma) {
        float[] out = new float[x.v().length];
        for (int c = 0; c < x.channels(); c++) {
            System.arraycopy(gaussian(x.channel(c), x.height(), x.width(), sigma, 4.0, Edge.NEAREST), 0, out,
                    c * x.plane(), x.plane());
        }
        return out;
    }

    /** 2-D correlation of one plane with a square kernel, OpenCV's default border ({@code filter2D}). */
    static float[] correlate(float[] plane, int h, int w, double[][] kernel) {
        int r = kernel.length / 2;
        float[] out = new float[plane.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = -r; dy <= r; dy++) {
                    int yy = index(y + dy, h, Edge.REFLECT_101) * w;
                    for (int dx = -r; dx <= r; dx++) {
                        double k = kernel[dy + r][dx + r];
                        if (k != 0) {
                            s += k * plane[yy + index(x + dx, w, Edge.REFLECT_101)];
                        }
                    }
                }
                out[y * w + x] = (float) s;
            }
        }
        return out;
    }

    /**
     * The reference's motion blur ({@code _motion_blur} in imagecorruptions, its stand-in for ImageMagick's): a
     * weighted sum of copies shifted by whole pixels along {@code angle}, weights from a half Gaussian of width
     * {@code 2 radius + 1}, edge pixels repeated.
     */
    static float[] motionBlur(float[] plane, int h, int w, int radius, double sigma, double angleDegrees) {
        int width = 2 * radius + 1;
        double[] k = new double[width];
        double sum = 0;
        for (int i = 0; i < width; i++) {
            k[i] = Math.exp(-(double) i * i / (2 * sigma * sigma));
            sum += k[i];
        }
        double sin = Math.sin(Math.toRadians(angleDegrees));
        double cos = Math.cos(Math.toRadians(angleDegrees));
        double[] acc = new double[plane.length];
        for (int i = 0; i < width; i++) {
            int dy = -(int) Math.ceil(i * sin - 0.5);
            int dx = -(int) Math.ceil(i * cos - 0.5);
            if (Math.abs(dy) >= h || Math.abs(dx) >= w) {
                break;
            }
            double weight = k[i] / sum;
            for (int y = 0; y < h; y++) {
                int sy = Math.min(h - 1, Math.max(0, y - dy));
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(w - 1, Math.max(0, x - dx));
                    acc[y * w + x] += weight * plane[sy * w + sx];
                }
            }
        }
        float[] out = new float[plane.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) acc[i];
        }
        return out;
    }

    /** Bilinear value of a plane at (y, x), reading beyond the border as {@code edge} says. */
    static float bilinear(float[] plane, int h, int w, double y, double x, Edge edge) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        int ya = index(y0, h, edge);
        int yb = index(y0 + 1, h, edge);
        int xa = index(x0, w, edge);
        int xb = index(x0 + 1, w, edge);
        double top = plane[ya * w + xa] * (1 - fx) + plane[ya * w + xb] * fx;
        double bottom = plane[yb * w + xa] * (1 - fx) + plane[yb * w + xb] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    /**
     * The reference's {@code clipped_zoom}: the central {@code ceil(n / zoom)} pixels enlarged {@code zoom} times
     * with SciPy's order-1 {@code zoom} (corner-aligned bilinear), and the top-left {@code h x w} of the result
     * kept (edge values repeated should the enlargement come out a pixel short).
     */
    static float[] clippedZoom(float[] plane, int h, int w, double zoom) {
        int ch = (int) Math.ceil(h / zoom);
        int cw = (int) Math.ceil(w / zoom);
        int top = (h - ch) / 2;
        int left = (w - cw) / 2;
        int oh = (int) Math.round(ch * zoom);
        int ow = (int) Math.round(cw * zoom);
        double sy = oh > 1 ? (ch - 1.0) / (oh - 1.0) : 0;
        double sx = ow > 1 ? (cw - 1.0) / (ow - 1.0) : 0;
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            double yy = top + Math.min(y, oh - 1) * sy;
            for (int x = 0; x < w; x++) {
                double xx = left + Math.min(x, ow - 1) * sx;
                out[y * w + x] = bilinear(plane, h, w, yy, xx, Edge.NEAREST);
            }
        }
        return out;
    }
}
