package org.advlens.corruption;

import java.util.SplittableRandom;

/**
 * The digital corruptions of ImageNet-C (brightness, contrast, elastic, pixelate, JPEG) and the extra saturate,
 * with the severity constants of the reference implementation (bethgelab/imagecorruptions).
 */
final class DigitalCorruptions {

    private static final double[] CONTRAST = {0.4, 0.3, 0.2, 0.1, 0.05};
    private static final double[] BRIGHTNESS = {0.1, 0.2, 0.3, 0.4, 0.5};
    /** saturation factor, offset. */
    private static final double[][] SATURATE = {{0.3, 0}, {0.1, 0}, {2, 0}, {5, 0.1}, {20, 0.2}};
    private static final double[] PIXELATE = {0.6, 0.5, 0.4, 0.3, 0.25};
    private static final double[] ELASTIC_ALPHA = {250 * 0.05, 250 * 0.065, 250 * 0.085, 250 * 0.1, 250 * 0.12};
    /** The reference's elastic field at 224 pixels: smoothing {@code 0.01 * 224}, amplitude {@code 0.005 * 224}. */
    private static final double ELASTIC_SIGMA = 0.01 * 224;
    private static final double ELASTIC_AMPLITUDE = 0.005 * 224;

    private DigitalCorruptions() {
    }

    /** Each channel pulled towards its mean: {@code (x - mean) c + mean}. */
    static float[] contrast(Raster x, int severity, SplittableRandom random, double scale) {
        double c = CONTRAST[severity - 1];
        float[] out = new float[x.v().length];
        int plane = x.plane();
        for (int ch = 0; ch < x.channels(); ch++) {
            double mean = 0;
            for (int i = 0; i < plane; i++) {
                mean += x.v()[ch * plane + i];
            }
            mean /= plane;
            for (int i = 0; i < plane; i++) {
                out[ch * plane + i] = Raster.clip((x.v()[ch * plane + i] - mean) * c + mean);
            }
        }
        return out;
    }

    /** {@code c} added to the HSV value of a colour image, or to the grey level of a grey one. */
    static float[] brightness(Raster x, int severity, SplittableRandom random, double scale) {
        double c = BRIGHTNESS[severity - 1];
        if (x.channels() != 3) {
            float[] out = new float[x.v().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Raster.clip(x.v()[i] + c);
            }
            return out;
        }
        return hsv(x, (hsv) -> hsv[2] = Math.min(1, Math.max(0, hsv[2] + c)));
    }

    /**
     * HSV saturation times {@code a} plus {@code b}. Severities 1 and 2 take colour out, 3 to 5 push it up, as in
     * the reference; on a grey image saturation is zero and the reference's round trip through RGB leaves the
     * image unchanged, and so does this.
     */
    static float[] saturate(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = SATURATE[severity - 1];
        if (x.channels() != 3) {
            return x.v().clone();
        }
        return hsv(x, (hsv) -> hsv[1] = Math.min(1, Math.max(0, hsv[1] * c[0] + c[1])));
    }

    private interface HsvChange {
        void apply(double[] hsv);
    }

    private static float[] hsv(Raster x, HsvChange change) {
        int n = x.plane();
        float[] v = x.v();
        float[] out = new float[v.length];
        double[] hsv = new double[3];
        double[] rgb = new double[3];
        for (int i = 0; i < n; i++) {
            Hsv.fromRgb(v[i], v[n + i], v[2 * n + i], hsv);
            change.apply(hsv);
            Hsv.toRgb(hsv[0], hsv[1], hsv[2], rgb);
            out[i] = Raster.clip(rgb[0]);
            out[n + i] = Raster.clip(rgb[1]);
            out[2 * n + i] = Raster.clip(rgb[2]);
        }
        return out;
    }

    /**
     * Down-sampling to {@code c} of the size by area averaging (PIL's BOX filter), then back up by nearest
     * neighbour. The factor is relative to the image size and kept.
     */
    static float[] pixelate(Raster x, int severity, SplittableRandom random, double scale) {
        double c = PIXELATE[severity - 1];
        int h = x.height();
        int w = x.width();
        int sh = Math.max(1, (int) (h * c));
        int sw = Math.max(1, (int) (w * c));
        float[] out = new float[x.v().length];
        for (int ch = 0; ch < x.channels(); ch++) {
            float[] small = boxResize(x.channel(ch), h, w, sh, sw);
            for (int y = 0; y < h; y++) {
                int yy = Math.min(sh - 1, (int) Math.floor((y + 0.5) * sh / h));
                for (int xx = 0; xx < w; xx++) {
                    int sx = Math.min(sw - 1, (int) Math.floor((xx + 0.5) * sw / w));
                    out[ch * x.plane() + y * w + xx] = Raster.clip(small[yy * sw + sx]);
                }
            }
        }
        return out;
    }

    /** Area-average resize: each output pixel is the mean of the input area it covers, fractions weighted. */
    static float[] boxResize(float[] plane, int h, int w, int nh, int nw) {
        float[] out = new float[nh * nw];
        double fy = (double) h / nh;
        double fx = (double) w / nw;
        for (int oy = 0; oy < nh; oy++) {
            double y0 = oy * fy;
            double y1 = y0 + fy;
            for (int ox = 0; ox < nw; ox++) {
                double x0 = ox * fx;
                double x1 = x0 + fx;
                double sum = 0;
                double area = 0;
                for (int y = (int) Math.floor(y0); y < Math.min(h, (int) Math.ceil(y1)); y++) {
                    double wy = Math.min(y1, y + 1) - Math.max(y0, y);
                    for (int xx = (int) Math.floor(x0); xx < Math.min(w, (int) Math.ceil(x1)); xx++) {
                        double wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
                        sum += wy * wx * plane[y * w + xx];
                        area += wy * wx;
                    }
                }
                out[oy * nw + ox] = (float) (sum / area);
            }
        }
        return out;
    }

    /**
     * Elastic deformation: every pixel moved by a smooth random field, sampled bilinearly with mirrored edges.
     * The reference sets the field's smoothing and amplitude relative to the image (0.01 and 0.005 of its
     * height), which makes the deformation almost white noise on small images; here the field is the reference's
     * at 224 pixels (smoothing 2.24, amplitude 1.12, times {@code alpha}) scaled as a length: smoothing
     * {@code 2.24 s} pixels and the displacement's spread that of the reference times {@code s}.
     */
    static float[] elastic(Raster x, int severity, SplittableRandom random, double scale) {
        double alpha = ELASTIC_ALPHA[severity - 1];
        int h = x.height();
        int w = x.width();
        double sigma = ELASTIC_SIGMA * scale;
        double gain = alpha * ELASTIC_AMPLITUDE * scale * Filters.noiseAttenuation(ELASTIC_SIGMA, 3.0)
                / Filters.noiseAttenuation(sigma, 3.0);
        float[] dx = field(h, w, sigma, gain, random);
        float[] dy = field(h, w, sigma, gain, random);
        float[] out = new float[x.v().length];
        for (int ch = 0; ch < x.channels(); ch++) {
            float[] plane = x.channel(ch);
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int i = y * w + xx;
                    out[ch * x.plane() + i] = Raster.clip(Filters.bilinear(plane, h, w, y + dy[i], xx + dx[i],
                            Filters.Edge.REFLECT));
                }
            }
        }
        return out;
    }

    private static float[] field(int h, int w, double sigma, double gain, SplittableRandom random) {
        float[] u = new float[h * w];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) random.nextDouble(-1, 1);
        }
        float[] f = Filters.gaussian(u, h, w, sigma, 3.0, Filters.Edge.REFLECT);
        for (int i = 0; i < f.length; i++) {
            f[i] *= (float) gain;
        }
        return f;
    }

    /** JPEG at quality 25, 18, 15, 10, 7 through the Java image I/O encoder ({@link JpegCodec}). */
    static float[] jpeg(Raster x, int severity, SplittableRandom random, double scale) {
        return JpegCodec.roundTrip(x, JpegCodec.QUALITY[severity - 1]);
    }
}
