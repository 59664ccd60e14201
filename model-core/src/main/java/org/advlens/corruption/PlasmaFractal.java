package org.advlens.corruption;

import java.util.SplittableRandom;

/**
 * A diamond-square height map, as the reference's {@code plasma_fractal} (itself after FLHerne/mapgen): a square
 * of side {@code size} (a power of two), values scaled to [0, 1], the random displacement shrinking by
 * {@code decay} at every halving of the step. Wraps around at the edges, as the reference's rolls do.
 */
final class PlasmaFractal {

    private PlasmaFractal() {
    }

    static double[] generate(int size, double decay, SplittableRandom random) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("plasma fractal size must be a power of two, got " + size);
        }
        double[] m = new double[size * size];
        double wibble = 100;
        for (int step = size; step >= 2; step /= 2) {
            int half = step / 2;
            // squares: the centre of each square is the mean of its corners plus noise
            for (int y = 0; y < size; y += step) {
                for (int x = 0; x < size; x += step) {
                    double sum = m[y * size + x] + m[((y + step) % size) * size + x]
                            + m[y * size + (x + step) % size] + m[((y + step) % size) * size + (x + step) % size];
                    m[(y + half) * size + x + half] = sum / 4 + wibble * random.nextDouble(-wibble, wibble);
                }
            }
            // diamonds: the edge midpoints from the two centres and two corners around them
            for (int y = 0; y < size; y += step) {
                for (int x = 0; x < size; x += step) {
                    double left = m[(y + half) * size + x + half]
                            + m[(Math.floorMod(y - half, size)) * size + x + half]
                            + m[y * size + x] + m[y * size + (x + step) % size];
                    m[y * size + x + half] = left / 4 + wibble * random.nextDouble(-wibble, wibble);
                    double top = m[(y + half) * size + x + half]
                            + m[(y + half) * size + Math.floorMod(x - half, size)]
                            + m[y * size + x] + m[((y + step) % size) * size + x];
                    m[(y + half) * size + x] = top / 4 + wibble * random.nextDouble(-wibble, wibble);
                }
            }
            wibble /= decay;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : m) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        for (int i = 0; i < m.length; i++) {
            m[i] = range > 0 ? (m[i] - min) / range : 0;
        }
        return m;
    }

    static int nextPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
