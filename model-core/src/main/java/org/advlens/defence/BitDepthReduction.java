package org.advlens.defence;

import org.advlens.model.InputSpec;

/**
 * Bit-depth reduction to {@code bits} bits (Xu, Evans and Qi, NDSS 2018): each value of the model's pixel range
 * {@code [lower, upper]} is rounded to the nearest of {@code 2^bits} evenly spaced levels that include both bounds,
 * {@code lower + round((x - lower) / range * (2^bits - 1)) / (2^bits - 1) * range}. One bit thresholds at the middle
 * of the range; a value exactly half-way between two levels rounds to the even one, as NumPy's {@code rint} in
 * the paper's code does. The map is piecewise constant, so its true derivative is zero almost everywhere.
 *
 * @param bits bits per value, in [1, 16]
 */
public record BitDepthReduction(int bits) implements Squeezer {

    public BitDepthReduction {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bit depth must be in [1, 16], got " + bits);
        }
    }

    @Override
    public boolean hasUsefulGradient() {
        return false;
    }

    @Override
    public String name() {
        return "bit-depth-" + bits;
    }

    /** Number of levels between neighbouring values minus one: {@code 2^bits - 1}. */
    public int steps() {
        return (1 << bits) - 1;
    }

    @Override
    public float[] apply(float[] x, int n, InputSpec spec) {
        double lower = spec.lower();
        double range = spec.range();
        int steps = steps();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = Math.min(1, Math.max(0, (x[i] - lower) / range));
            out[i] = (float) (lower + Math.rint(t * steps) / steps * range);
        }
        return out;
    }

    @Override
    public float[] backward(float[] x, float[] upstream, int n, InputSpec spec) {
        return new float[x.length];
    }
}
