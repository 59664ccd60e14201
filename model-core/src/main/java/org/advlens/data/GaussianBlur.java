package org.advlens.data;

/** A separable Gaussian blur of each channel of NCHW images, with edge pixels repeated beyond the border. */
public final class GaussianBlur {

    private GaussianBlur() {
    }

    /**
     * @param pixels {@code count * channels * height * width} values, NCHW; not changed
     * @param sigma standard deviation in pixels; 0 returns a copy
     */
    public static float[] blur(float[] pixels, int count, int channels, int height, int width, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("blur sigma must be finite and >= 0, got " + sigma);
        }
        float[] out = pixels.clone();
        if (sigma == 0) {
            return out;
        }
        double[] k = kernel(sigma);
        int r = k.length / 2;
        float[] row = new float[Math.max(height, width)];
        for (int plane = 0; plane < count * channels; plane++) {
            int base = plane * height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = 0;
                    for (int d = -r; d <= r; d++) {
                        int xx = Math.min(width - 1, Math.max(0, x + d));
                        s += k[d + r] * out[base + y * width + xx];
                    }
                    row[x] = (float) s;
                }
                System.arraycopy(row, 0, out, base + y * width, width);
            }
            for (int x = 0; x < width; x++) {
                for (int y = 0; y < height; y++) {
                    double s = 0;
                    for (int d = -r; d <= r; d++) {
                        int yy = Math.min(height - 1, Math.max(0, y + d));
                        s += k[d + r] * out[base + yy * width + x];
                    }
                    row[y] = (float) s;
                }
                for (int y = 0; y < height; y++) {
                    out[base + y * width + x] = row[y];
                }
            }
        }
        return out;
    }

    private static double[] kernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
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
}
