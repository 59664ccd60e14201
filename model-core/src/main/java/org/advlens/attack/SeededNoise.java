package org.advlens.attack;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random noise from an explicit seed, drawn in Java so that the same seed gives the same values on every run:
 * ND4J 1.0.0-M2.1's native generators ({@code Nd4j.rand(Random, shape)}) fill large arrays from several threads
 * and gave different values for the same seed from one call to the next. Not thread-safe: one per attack run.
 */
public final class SeededNoise {

    private final SplittableRandom random;

    public SeededNoise(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform values in [0, 1), float, row-major. */
    public INDArray uniform(long... shape) {
        float[] v = new float[size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble();
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** Standard normal values, float, row-major. */
    public INDArray gaussian(long... shape) {
        float[] v = new float[size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static int size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + java.util.Arrays.toString(shape));
            }
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
