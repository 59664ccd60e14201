package org.advlens.corruption;

import java.util.SplittableRandom;

/**
 * The noise corruptions of ImageNet-C and its extra set, with the severity constants of the reference
 * implementation (bethgelab/imagecorruptions). Noise is drawn independently for every value of every channel.
 */
final class NoiseCorruptions {

    private static final double[] GAUSSIAN = {0.08, 0.12, 0.18, 0.26, 0.38};
    private static final double[] SHOT = {60, 25, 12, 5, 3};
    private static final double[] IMPULSE = {0.03, 0.06, 0.09, 0.17, 0.27};
    private static final double[] SPECKLE = {0.15, 0.2, 0.35, 0.45, 0.6};

    private NoiseCorruptions() {
    }

    /** {@code x + N(0, c^2)}. */
    static float[] gaussian(Raster x, int severity, SplittableRandom random, double scale) {
        double c = GAUSSIAN[severity - 1];
        float[] out = new float[x.v().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Raster.clip(x.v()[i] + c * random.nextGaussian());
        }
        return out;
    }

    /** Photon noise: {@code Poisson(c x) / c}. */
    static float[] shot(Raster x, int severity, SplittableRandom random, double scale) {
        double c = SHOT[severity - 1];
        float[] out = new float[x.v().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Raster.clip(poisson(c * x.v()[i], random) / c);
        }
        return out;
    }

    /** Salt and pepper: a fraction {@code c} of the values set to 0 or 1 with equal chance (scikit-image's 's&p'). */
    static float[] impulse(Raster x, int severity, SplittableRandom random, double scale) {
        double c = IMPULSE[severity - 1];
        float[] out = new float[x.v().length];
        for (int i = 0; i < out.length; i++) {
            double u = random.nextDouble();
            out[i] = u < c ? (u < c / 2 ? 1f : 0f) : x.v()[i];
        }
        return out;
    }

    /** Multiplicative noise: {@code x + x N(0, c^2)}. */
    static float[] speckle(Raster x, int severity, SplittableRandom random, double scale) {
        double c = SPECKLE[severity - 1];
        float[] out = new float[x.v().length];
        for (int i = 0; i < out.length; i++) {
            float v = x.v()[i];
            out[i] = Raster.clip(v + v * c * random.nextGaussian());
        }
        return out;
    }

    /** A Poisson draw with mean {@code lambda} (Knuth's product of uniforms; the means here are at most 60). */
    static int poisson(double lambda, SplittableRandom random) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
