package org.advlens.eval.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.Norm;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

class PlaneDirectionsTest {

    private static Plane build(DirectionSpec u, DirectionSpec v) {
        return PlaneDirections.build(BoundaryFixtures.model(), BoundaryFixtures.image(), -1, u, v, 0.1, Norm.LINF,
                CancellationToken.create());
    }

    @Test
    void gradientDirectionIsTheNormalisedWTransposeOfSoftmaxMinusOneHot() {
        // given the analytic gradient W^T (softmax(z) - y) at the model's own prediction
        float[] x = BoundaryFixtures.image();
        double[] z = BoundaryFixtures.logits(x);
        int y = 0;
        for (int k = 1; k < z.length; k++) {
            y = z[k] > z[y] ? k : y;
        }
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        float[][] w = BoundaryFixtures.weights();
        double[] g = new double[16];
        for (int k = 0; k < 3; k++) {
            double coeff = Math.exp(z[k] - max) / sum - (k == y ? 1 : 0);
            for (int i = 0; i < 16; i++) {
                g[i] += coeff * w[k][i];
            }
        }
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);

        // when the plane's u is the gradient
        Plane plane = build(DirectionSpec.gradient(), DirectionSpec.random(3));

        // then u is g / |g| and the label is the prediction
        float[] u = plane.u();
        for (int i = 0; i < 16; i++) {
            assertEquals(g[i] / norm, u[i], 1e-5, "pixel " + i);
        }
        assertEquals(y, plane.label());
        assertNull(plane.adversarial(), "no attack direction, no adversarial marker");
    }

    @Test
    void gramSchmidtMakesVOrthogonalUnitAndInTheSpanOfBoth() {
        float[] u = PlaneDirections.normalise(new float[] {1, 2, 0, 0}, "u");
        float[] v = PlaneDirections.orthogonalise(u, new float[] {1, 0, 3, 0});
        assertEquals(0, Plane.dot(u, v), 1e-6);
        assertEquals(1, Plane.dot(v, v), 1e-6);
        // v - (v.u)u for v0 = (1,0,3,0), u = (1,2,0,0)/sqrt5: (1,0,3,0) - 1/5 (1,2,0,0) = (0.8,-0.4,3,0)
        double n = Math.sqrt(0.64 + 0.16 + 9);
        assertArrayEquals(new float[] {(float) (0.8 / n), (float) (-0.4 / n), (float) (3 / n), 0}, v, 1e-6f);
    }

    @Test
    void parallelOrZeroDirectionsAreRejected() {
        IllegalArgumentException parallel = assertThrows(IllegalArgumentException.class,
                () -> build(DirectionSpec.random(5), DirectionSpec.random(5)));
        assertTrue(parallel.getMessage().contains("parallel"), parallel.getMessage());
        IllegalArgumentException scaled = assertThrows(IllegalArgumentException.class,
                () -> PlaneDirections.orthogonalise(new float[] {1, 2}, new float[] {-2, -4}));
        assertTrue(scaled.getMessage().contains("parallel"), scaled.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> PlaneDirections.normalise(new float[3], "the loss gradient"));
        assertTrue(zero.getMessage().contains("the loss gradient is zero"), zero.getMessage());
    }

    @Test
    void gradientOfAGradientMaskedModelIsAClearError() {
        LinearClassifier masked = new LinearClassifier(BoundaryFixtures.SPEC, BoundaryFixtures.weights(),
                BoundaryFixtures.BIAS, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlaneDirections.build(masked, BoundaryFixtures.image(), -1, DirectionSpec.gradient(),
                        DirectionSpec.random(1), 0.1, Norm.LINF, CancellationToken.create()));
        assertTrue(e.getMessage().contains("zero"), e.getMessage());
    }

    @Test
    void randomDirectionsAreDeterministicInTheSeed() {
        Plane a = build(DirectionSpec.random(1), DirectionSpec.random(2));
        Plane b = build(DirectionSpec.random(1), DirectionSpec.random(2));
        Plane c = build(DirectionSpec.random(1), DirectionSpec.random(9));
        assertArrayEquals(a.u(), b.u());
        assertArrayEquals(a.v(), b.v());
        assertTrue(Math.abs(Plane.dot(a.v(), c.v()) - 1) > 1e-3, "another seed gives another direction");
    }

    @Test
    void fgsmDirectionIsTheSignOfTheGradientAndMarksTheAdversarialExample() {
        // given an image well inside the box, FGSM at eps=0.1 moves every pixel by exactly +-0.1
        Plane plane = build(DirectionSpec.attack("fgsm", 0.1, Norm.LINF, 0), DirectionSpec.random(4));
        Plane grad = build(DirectionSpec.gradient(), DirectionSpec.random(4));
        float[] u = plane.u();
        float[] g = grad.u();
        for (int i = 0; i < 16; i++) {
            assertEquals(Math.signum(g[i]) / 4.0, u[i], 1e-5, "sign(g)/sqrt(16) at pixel " + i);
        }
        // the adversarial example is x + 0.1 sign(g), which is 0.1 * 4 = 0.4 along u and 0 along v
        double[] adv = plane.adversarial();
        assertNotNull(adv);
        assertEquals(0.4, adv[0], 1e-5);
        assertEquals(0, adv[1], 1e-5);
    }

    @Test
    void theCounterfactualDirectionRaisesTheTargetAgainstThePredictionAndCrossesTheBoundary() {
        // given the linear model, its prediction p and runner-up r at the image
        float[] x = BoundaryFixtures.image();
        double[] z = BoundaryFixtures.logits(x);
        int p = argmax(z, -1);
        int r = argmax(z, p);
        // when the plane's u points to the counterfactual of the runner-up class
        Plane plane = build(DirectionSpec.counterfactual(-1), DirectionSpec.random(4));
        // then u raises z_r - z_p (its dot product with w_r - w_p is positive) ...
        float[][] w = BoundaryFixtures.weights();
        double gain = 0;
        for (int i = 0; i < 16; i++) {
            gain += (w[r][i] - w[p][i]) * plane.u()[i];
        }
        assertTrue(gain > 0, "z_r - z_p grows along u, got " + gain);
        // ... and far enough along u the decision is the runner-up: the margin z_p - z_r over that gain
        double margin = z[p] - z[r];
        float[] beyond = new float[16];
        for (int i = 0; i < 16; i++) {
            beyond[i] = x[i] + (float) (1.01 * margin / gain) * plane.u()[i];
        }
        double[] zb = BoundaryFixtures.logits(beyond);
        assertTrue(zb[r] > zb[p], "the runner-up wins past the boundary");
        assertEquals("counterfactual (runner-up class)", plane.uLabel());
        // and the prediction itself is refused as a target, with the reason
        assertTrue(assertThrows(IllegalArgumentException.class, () -> build(DirectionSpec.counterfactual(p),
                DirectionSpec.random(4))).getMessage().contains("already the model's prediction"));
        assertEquals(DirectionKind.COUNTERFACTUAL, DirectionSpec.parse("counterfactual:2", 0.1, Norm.L2, 0).kind());
        assertEquals(2, DirectionSpec.parse("counterfactual:2", 0.1, Norm.L2, 0).target());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectionSpec.parse("counterfactual:two", 0.1,
                Norm.L2, 0)).getMessage().contains("class index"));
    }

    private static int argmax(double[] z, int except) {
        int best = -1;
        for (int k = 0; k < z.length; k++) {
            if (k != except && (best < 0 || z[k] > z[best])) {
                best = k;
            }
        }
        return best;
    }

    @Test
    void invalidSpecsAreRejectedWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectionSpec.parse("sideways", 0.1,
                Norm.LINF, 0)).getMessage().contains("sideways"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectionSpec.attack("fgsm", 0, Norm.LINF,
                0)).getMessage().contains("epsilon > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectionSpec.parse("attack:nope", 0.1,
                Norm.LINF, 0)).getMessage().contains("nope"));
        assertEquals(DirectionKind.ATTACK, DirectionSpec.parse("attack:PGD", 0.1, Norm.L2, 0).kind());
    }

    @Test
    void linfBallSliceAlongSignDirectionsIsAtEpsTimesRootD() {
        // along a normalised sign vector u = s/4, the cube |delta_i| <= eps is left at a = 4 eps
        float[] s = new float[16];
        float[] t = new float[16];
        for (int i = 0; i < 16; i++) {
            s[i] = (i % 2 == 0 ? 1 : -1) / 4f;
            t[i] = (i < 8 ? 1 : -1) / 4f;
        }
        Plane plane = new Plane(BoundaryFixtures.image(), s, t, 1, 4, 4, "s", "t", 0, null, 0.1, Norm.LINF);
        double[][] outline = plane.ballOutline(4);
        assertEquals(0.4, outline[0][0], 1e-6);
        assertEquals(0, outline[0][1], 1e-6);
        assertEquals(0.4, outline[1][1], 1e-6);
        Plane l2 = new Plane(BoundaryFixtures.image(), s, t, 1, 4, 4, "s", "t", 0, null, 0.1, Norm.L2);
        assertEquals(0.1, l2.ballRadius(), 1e-9);
    }
}
