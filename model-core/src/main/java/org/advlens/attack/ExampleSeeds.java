package org.advlens.attack;

/**
 * Per-example seeds: the seed of example {@code i} of a run is a mix of the run's seed and {@code i} (the
 * SplitMix64 finaliser of Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
 * so an example's random choices depend on nothing but the run's seed and its index in the data set, never on the
 * batch or the partition it happens to be evaluated in.
 */
public final class ExampleSeeds {

    private ExampleSeeds() {
    }

    /**
     * The seed of the example at {@code index} in a run seeded with {@code runSeed}.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public static long of(long runSeed, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("example index must be >= 0, got " + index);
        }
        return mix(mix(runSeed) + 0x9E3779B97F4A7C15L * (index + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
