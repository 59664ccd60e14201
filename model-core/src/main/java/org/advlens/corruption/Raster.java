package org.advlens.corruption;

/**
 * One image as the corruptions see it: values in [0, 1], channel planes one after another (CHW).
 *
 * @param v {@code channels * height * width} values; the corruptions never change the array they are given
 */
record Raster(float[] v, int channels, int height, int width) {

    Raster {
        if (v.length != channels * height * width) {
            throw new IllegalArgumentException("expected " + channels * height * width + " values, got " + v.length);
        }
    }

    int plane() {
        return height * width;
    }

    Raster with(float[] values) {
        return new Raster(values, channels, height, width);
    }

    /** The values of channel {@code c}, copied. */
    float[] channel(int c) {
        float[] out = new float[plane()];
        System.arraycopy(v, c * plane(), out, 0, plane());
        return out;
    }

    /** Luma (0.299 R + 0.587 G + 0.114 B, as OpenCV's RGB2GRAY), the one channel of a grey image, or the mean of
     * the channels of any other. */
    float[] grey() {
        if (channels == 1) {
            return channel(0);
        }
        if (channels != 3) {
            float[] g = new float[plane()];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < g.length; i++) {
                    g[i] += v[c * plane() + i] / channels;
                }
            }
            return g;
        }
        int n = plane();
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = 0.299f * v[i] + 0.587f * v[n + i] + 0.114f * v[2 * n + i];
        }
        return g;
    }

    static float clip(double x) {
        return (float) (x < 0 ? 0 : x > 1 ? 1 : x);
    }

    static float[] clip(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = clip(values[i]);
        }
        return values;
    }
}
