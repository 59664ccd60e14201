package org.advlens.defence;

import org.advlens.model.InputSpec;

/**
 * A {@code size x size} median filter applied to each channel on its own (Xu, Evans and Qi, NDSS 2018). Pixels
 * beyond the border are taken by half-sample symmetric reflection ({@code d c b a | a b c d | d c b a}, SciPy's
 * {@code mode='reflect'}, which the paper's code uses), so a 3x3 window at the border repeats the border pixel.
 *
 * <p>The output pixel is one of the window's inputs, so the filter is piecewise linear: its derivative routes each
 * output's gradient to the input pixel that is the window's median (ties broken by the window's row-major order).
 *
 * @param size the window's side, odd, in [1, 31]
 */
public record MedianFilter(int size) implements Squeezer {

    public MedianFilter {
        if (size < 1 || size > 31 || size % 2 == 0) {
            throw new IllegalArgumentException("median filter size must be odd and in [1, 31], got " + size);
        }
    }

    @Override
    public boolean hasUsefulGradient() {
        return true;
    }

    @Override
    public String name() {
        return "median-" + size + "x" + size;
    }

    @Override
    public float[] apply(float[] x, int n, InputSpec spec) {
        float[] out = new float[x.length];
        int[] source = medianSources(x, n, spec);
        for (int i = 0; i < out.length; i++) {
            out[i] = x[source[i]];
        }
        return out;
    }

    @Override
    public float[] backward(float[] x, float[] upstream, int n, InputSpec spec) {
        float[] g = new float[x.length];
        int[] source = medianSources(x, n, spec);
        for (int i = 0; i < g.length; i++) {
            g[source[i]] += upstream[i];
        }
        return g;
    }

    /** For every output value, the index of the input value that is its window's median. */
    private int[] medianSources(float[] x, int n, InputSpec spec) {
        int h = spec.height();
        int w = spec.width();
        int planes = n * spec.channels();
        if (x.length != planes * h * w) {
            throw new IllegalArgumentException("expected " + planes * h * w + " values for " + n + " images of "
                    + spec + ", got " + x.length);
        }
        int r = size / 2;
        int k = size * size;
        Integer[] window = new Integer[k];
        int[] source = new int[x.length];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int m = 0;
                    for (int dy = -r; dy <= r; dy++) {
                        int row = reflect(y + dy, h);
                        for (int dx = -r; dx <= r; dx++) {
                            window[m++] = base + row * w + reflect(xx + dx, w);
                        }
                    }
                    java.util.Arrays.sort(window, (a, b) -> Float.compare(x[a], x[b]));
                    source[base + y * w + xx] = window[k / 2];
                }
            }
        }
        return source;
    }

    /** Half-sample symmetric reflection of {@code i} into {@code [0, length)}. */
    static int reflect(int i, int length) {
        int period = 2 * length;
        int j = Math.floorMod(i, period);
        return j < length ? j : period - 1 - j;
    }
}
