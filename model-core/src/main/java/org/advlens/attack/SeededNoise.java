package org.advlens.attack;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random noise from an explicit seed, drawn in Java so that the same seed gives the same values on every run:
 * ND4J 1.0.0-M2.1's native generators ({@code Nd4j.rand(Random, shape)}) fill large arrays from several threads
 * and gave different values for the same seed from one call to the next. Not thread-safe: one per attack run.
 *
 * <p>A noise source made {@link #perExample per example} has one generator per row of a batch, seeded by
 * {@link ExampleSeeds}: row {@code r} of every array it draws comes from example {@code first + r}'s generator
 * alone, so an example's noise does not depend on the batch it is in.
 */
public final class SeededNoise {

    private final SplittableRandom[] rows;
    private final boolean perExample;

    public SeededNoise(long seed) {
        this(new SplittableRandom[] {new SplittableRandom(seed)}, false);
    }

    private SeededNoise(SplittableRandom[] rows, boolean perExample) {
        this.rows = rows;
        this.perExample = perExample;
    }

    /**
     * Noise for a batch of {@code rows} examples starting at data-set index {@code first}: every array drawn must
     * have {@code rows} as its first dimension, and row {@code r} is drawn from {@code ExampleSeeds.of(runSeed,
     * first + r)}.
     */
    public static SeededNoise perExample(long runSeed, long first, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a batch needs at least one row, got " + rows);
        }
        SplittableRandom[] generators = new SplittableRandom[rows];
        for (int r = 0; r < rows; r++) {
            generators[r] = new SplittableRandom(ExampleSeeds.of(runSeed, first + r));
        }
        return new SeededNoise(generators, true);
    }

    /** Uniform values in [0, 1), float, row-major. */
    public INDArray uniform(long... shape) {
        float[] v = new float[size(shape)];
        int rowSize = rowSize(shape, v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) generator(i, rowSize).nextDouble();
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** Standard normal values, float, row-major. */
    public INDArray gaussian(long... shape) {
        float[] v = new float[size(shape)];
        int rowSize = rowSize(shape, v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) generator(i, rowSize).nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }

    private SplittableRandom generator(int i, int rowSize) {
        return perExample ? rows[i / rowSize] : rows[0];
    }

    private int rowSize(long[] shape, int length) {
        if (!perExample) {
            return Math.max(1, length);
        }
        if (shape.length == 0 || shape[0] != rows.length) {
            throw new IllegalArgumentException("per-example noise for " + rows.length + " examples cannot fill shape "
                    + java.util.Arrays.toString(shape));
        }
        return Math.max(1, length / rows.length);
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
