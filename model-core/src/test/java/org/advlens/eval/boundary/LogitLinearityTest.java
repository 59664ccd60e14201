package org.advlens.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.job.Jobs;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

class LogitLinearityTest {

    @Test
    void logitsOfALinearModelAreExactlyLinearWithSlopeWTimesTheSignDirection() throws Exception {
        float[] x = BoundaryFixtures.image();
        LinearitySpec spec = new LinearitySpec(2.0, 21, 5, false);
        LinearityResult r = Jobs.runNow(new LogitLinearity(BoundaryFixtures.model(), x, -1, spec));

        double[] z0 = BoundaryFixtures.logits(x);
        float[][] w = BoundaryFixtures.weights();
        float[][] adv = r.adversarialLogits();
        float[][] rnd = r.randomLogits();
        double[] eps = r.epsilons();
        assertEquals(-2.0, eps[0], 1e-12);
        assertEquals(2.0, eps[20], 1e-12);
        // the FGSM slope of class k is sum_i W_ki sign(g_i); recover sign(g) from the analytic gradient
        Plane grad = PlaneDirections.build(BoundaryFixtures.model(), x, -1, DirectionSpec.gradient(),
                DirectionSpec.random(1), 0.1, org.advlens.attack.Norm.LINF, org.advlens.job.CancellationToken.create());
        float[] g = grad.u();
        for (int k = 0; k < 3; k++) {
            double slope = 0;
            for (int i = 0; i < 16; i++) {
                slope += w[k][i] * Math.signum(g[i]);
            }
            for (int e = 0; e < eps.length; e++) {
                assertEquals(z0[k] + eps[e] * slope, adv[e][k], 1e-4, "class " + k + " eps " + eps[e]);
            }
            for (int e = 1; e + 1 < eps.length; e++) {
                double second = rnd[e + 1][k] - 2 * rnd[e][k] + rnd[e - 1][k];
                assertEquals(0, second, 1e-4, "random direction is linear too for a linear model");
            }
        }
        // the cross-entropy is convex in x with derivative sum|g_i| > 0 along sign(g), so it rises for eps > 0
        int y = r.label();
        assertTrue(crossEntropy(adv[20], y) > crossEntropy(adv[10], y), "FGSM raises the loss");
    }

    private static double crossEntropy(float[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - z[y];
    }

    @Test
    void sameSeedSameRandomDirection() throws Exception {
        float[] x = BoundaryFixtures.image();
        LinearityResult a = Jobs.runNow(new LogitLinearity(BoundaryFixtures.model(), x, 0,
                new LinearitySpec(1, 5, 9, false)));
        LinearityResult b = Jobs.runNow(new LogitLinearity(BoundaryFixtures.model(), x, 0,
                new LinearitySpec(1, 5, 9, false)));
        for (int e = 0; e < 5; e++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.randomLogits()[e], b.randomLogits()[e]);
        }
    }

    @Test
    void invalidInputIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinearitySpec(0, 11, 0, false))
                .getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinearitySpec(1, 2, 0, false))
                .getMessage().contains("got 2"));
        LinearClassifier masked = new LinearClassifier(BoundaryFixtures.SPEC, BoundaryFixtures.weights(),
                BoundaryFixtures.BIAS, 8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Jobs.runNow(new LogitLinearity(masked,
                BoundaryFixtures.image(), -1, new LinearitySpec(1, 5, 0, false)))).getMessage().contains("zero"));
        assertThrows(IllegalArgumentException.class, () -> new LogitLinearity(BoundaryFixtures.model(),
                new float[3], -1, new LinearitySpec(1, 5, 0, false)));
    }
}
