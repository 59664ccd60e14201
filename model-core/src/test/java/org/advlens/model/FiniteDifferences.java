package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences of a scalar function of an NCHW input, computed in double precision. A coordinate
 * where the forward and backward one-sided differences disagree sits on a kink (a ReLU switching, a max-pool
 * tie) and is skipped.
 */
public final class FiniteDifferences {

    private static final double EPS = 1e-4;

    private FiniteDifferences() {
    }

    /**
     * What a check saw.
     *
     * @param compared how many coordinates were compared (not on a kink)
     * @param worst the largest difference seen, relative to the gradient's largest magnitude
     */
    public record Result(int compared, double worst) {
    }

    /**
     * Checks {@code analytic} (the gradient of {@code f} at {@code x}, same shape) at the {@code largest}
     * coordinates of largest magnitude and {@code random} random ones. Returns how many were compared.
     */
    static int check(ToDoubleFunction<INDArray> f, INDArray x, INDArray analytic, int largest, int random, long seed) {
        return compare(f, x, analytic, largest, random, seed).compared();
    }

    /**
     * The same check as {@link #check}, asserting each compared coordinate within 1e-2 relative; returns how many
     * were compared and the largest relative difference.
     */
    public static Result compare(ToDoubleFunction<INDArray> f, INDArray x, INDArray analytic, int largest,
                                 int random, long seed) {
        INDArray xd = x.castTo(DataType.DOUBLE).dup('c');
        double[] g = analytic.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double scale = 0;
        for (double v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, "the analytic gradient is all zeros");
        List<Integer> coords = new ArrayList<>();
        IntStream.range(0, g.length).boxed().sorted(Comparator.comparingDouble(i -> -Math.abs(g[i])))
                .limit(largest).forEach(coords::add);
        Random r = new Random(seed);
        for (int k = 0; k < random; k++) {
            coords.add(r.nextInt(g.length));
        }
        double f0 = f.applyAsDouble(xd);
        int compared = 0;
        double worst = 0;
        for (int i : coords) {
            double plus = at(f, xd, i, EPS);
            double minus = at(f, xd, i, -EPS);
            double forward = (plus - f0) / EPS;
            double backward = (f0 - minus) / EPS;
            double central = (plus - minus) / (2 * EPS);
            if (Math.abs(forward - backward) > 1e-3 * (scale + Math.abs(central))) {
                continue;
            }
            assertEquals(central, g[i], 1e-2 * Math.abs(central) + 1e-4 * scale,
                    "coordinate " + i + " (analytic " + g[i] + ", numeric " + central + ")");
            worst = Math.max(worst, Math.abs(central - g[i]) / scale);
            compared++;
        }
        assertTrue(compared >= coords.size() / 2, "too many coordinates on kinks: compared " + compared + " of "
                + coords.size());
        return new Result(compared, worst);
    }

    private static double at(ToDoubleFunction<INDArray> f, INDArray x, int index, double step) {
        INDArray moved = x.dup('c');
        long[] pos = org.nd4j.linalg.api.shape.Shape.ind2subC(moved, index);
        moved.putScalar(pos, moved.getDouble(pos) + step);
        return f.applyAsDouble(moved);
    }

    /** Summed softmax cross-entropy of double-precision logits. */
    static double crossEntropy(INDArray logits, int[] labels) {
        double[][] z = logits.toDoubleMatrix();
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z[i]) {
                sum += Math.exp(v - max);
            }
            s += Math.log(sum) + max - z[i][labels[i]];
        }
        return s;
    }

    /** {@code sum(w * z)} in double precision. */
    static double weighted(INDArray logits, INDArray weights) {
        return logits.castTo(DataType.DOUBLE).mul(weights.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }
}
