package org.advlens.model.onnx;

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
 * Central finite differences of a scalar function of an input, in double precision, at the coordinates of largest
 * gradient and at random ones; coordinates on a kink (forward and backward differences disagree) are skipped.
 * The same check as {@code org.advlens.model.FiniteDifferences}, which is package-private there.
 */
final class GradientCheck {

    private static final double EPS = 1e-4;

    private GradientCheck() {
    }

    /** Returns the largest relative difference seen, after asserting each within 1e-2 relative. */
    static double check(ToDoubleFunction<INDArray> f, INDArray x, INDArray analytic, int largest, int random,
                        long seed) {
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
        return worst;
    }

    private static double at(ToDoubleFunction<INDArray> f, INDArray x, int index, double step) {
        INDArray moved = x.dup('c');
        long[] pos = org.nd4j.linalg.api.shape.Shape.ind2subC(moved, index);
        moved.putScalar(pos, moved.getDouble(pos) + step);
        return f.applyAsDouble(moved);
    }
}
