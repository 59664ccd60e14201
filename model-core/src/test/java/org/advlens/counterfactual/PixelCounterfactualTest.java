package org.advlens.counterfactual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.ProgressListener;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

/**
 * Pixel-space counterfactuals on an analytic two-class linear model {@code z = W x + b} over 2x2 images, where the
 * smallest L2 change that gives class 1 the probability {@code c} is known: the margin {@code m = z1 - z0} must reach
 * {@code log(c / (1 - c))}, and the shortest way there runs along {@code w1 - w0}, a distance
 * {@code (log(c / (1 - c)) - m(x)) / |w1 - w0|}.
 */
class PixelCounterfactualTest {

    static final InputSpec SPEC = InputSpec.grey(2, 2);
    static final float[][] W = {{2f, -1f, 0f, 4f}, {-2f, 3f, 4f, 2f}};
    static final float[] B = {0.3f, -0.2f};
    static final Images X = new Images(new float[] {0.5f, 0.4f, 0.45f, 0.6f}, 1, 1, 2, 2);

    static double margin(float[] x) {
        double m = B[1] - B[0];
        for (int j = 0; j < 4; j++) {
            m += (W[1][j] - W[0][j]) * x[j];
        }
        return m;
    }

    static double weightNorm() {
        double sq = 0;
        for (int j = 0; j < 4; j++) {
            sq += (W[1][j] - W[0][j]) * (W[1][j] - W[0][j]);
        }
        return Math.sqrt(sq);
    }

    static PixelCounterfactual l2Only(double confidence) {
        return new PixelCounterfactual(PixelCounterfactual.Options.defaults().withConfidence(confidence)
                .withWeights(0, 0.01, 0).withStepSize(0.01));
    }

    @Test
    void reachesTheTargetAtTheMinimalDistanceAlongTheWeights() {
        LinearClassifier model = new LinearClassifier(SPEC, W, B);
        assertTrue(margin(X.pixels()) < 0, "the original must be class 0");
        for (double c : new double[] {0.5, 0.9, 0.99}) {
            Counterfactual cf = l2Only(c).explain(model, X, new int[] {1}, ProgressListener.NONE,
                    CancellationToken.create()).get(0);
            double expected = (Math.log(c / (1 - c)) - margin(X.pixels())) / weightNorm();
            Plausibility p = new PlausibilityMeasures(null, null, 0.1, 1).measure(cf);
            assertTrue(cf.success(), "confidence " + c + ": must reach class 1");
            assertTrue(cf.reachedConfidence(), "confidence " + c);
            assertEquals(0, cf.originalClass());
            assertEquals(expected, p.l2(), 2e-3 * expected, "confidence " + c + ": L2 distance");
            assertEquals(c, cf.targetProbability(), 2e-3, "confidence " + c + ": stops at the confidence");
            // The change is parallel to w1 - w0.
            float[] d = cf.difference();
            for (int j = 0; j < 4; j++) {
                assertEquals((W[1][j] - W[0][j]) / weightNorm() * p.l2(), d[j], 1e-3, "confidence " + c
                        + ", pixel " + j);
            }
        }
    }

    @Test
    void pathMovesMonotonicallyTowardTheTarget() {
        LinearClassifier model = new LinearClassifier(SPEC, W, B);
        Counterfactual cf = l2Only(0.95).explain(model, X, new int[] {1}, ProgressListener.NONE,
                CancellationToken.create()).get(0);
        List<PathPoint> path = cf.path();
        assertTrue(path.size() >= 3, "a path of several points, got " + path.size());
        assertTrue(path.size() <= 12, "the path is thinned to about pathPoints, got " + path.size());
        assertEquals(0, path.get(0).step());
        assertEquals(X, path.get(0).image());
        assertEquals(cf.counterfactual(), path.get(path.size() - 1).image());
        for (int k = 1; k < path.size(); k++) {
            assertTrue(path.get(k).step() > path.get(k - 1).step(), "steps increase");
            assertTrue(path.get(k).probability(1) > path.get(k - 1).probability(1),
                    "target probability increases along the path at point " + k);
        }
    }

    @Test
    void l1AndTotalVariationKeepTheChangeSmallerInL1() {
        LinearClassifier model = new LinearClassifier(SPEC, W, B);
        PlausibilityMeasures measures = new PlausibilityMeasures(null, null, 0.1, 1);
        Counterfactual plain = l2Only(0.9).explain(model, X, new int[] {1}, ProgressListener.NONE,
                CancellationToken.create()).get(0);
        Counterfactual sparse = new PixelCounterfactual(PixelCounterfactual.Options.defaults().withConfidence(0.9)
                .withWeights(0.5, 0.01, 0).withStepSize(0.01)).explain(model, X, new int[] {1},
                ProgressListener.NONE, CancellationToken.create()).get(0);
        assertTrue(sparse.success());
        assertTrue(measures.measure(sparse).l1() < measures.measure(plain).l1(), "L1 term gives a sparser change");
    }

    @Test
    void staysInsideTheBoundsAndReportsFailureHonestly() {
        // Class 1 needs a margin the bounded inputs cannot give: w1 - w0 is tiny.
        float[][] w = {{0, 0, 0, 0}, {0.01f, 0.01f, 0.01f, 0.01f}};
        LinearClassifier model = new LinearClassifier(SPEC, w, new float[] {5, 0});
        Counterfactual cf = new PixelCounterfactual(PixelCounterfactual.Options.defaults().withMaxSteps(100))
                .explain(model, X, new int[] {1}, ProgressListener.NONE, CancellationToken.create()).get(0);
        assertFalse(cf.success());
        assertFalse(cf.reachedConfidence());
        assertEquals(100, cf.steps());
        for (float v : cf.counterfactual().pixels()) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v + " outside the bounds");
        }
    }

    @Test
    void rejectsBadInput() {
        LinearClassifier model = new LinearClassifier(SPEC, W, B);
        PixelCounterfactual method = new PixelCounterfactual();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> method.explain(model, X,
                new int[] {2}, ProgressListener.NONE, CancellationToken.create()));
        assertTrue(e.getMessage().contains("target class 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> method.explain(model, X, new int[] {-1},
                ProgressListener.NONE, CancellationToken.create()));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> method.explain(model, X, new int[] {0, 1},
                ProgressListener.NONE, CancellationToken.create()));
        assertTrue(e.getMessage().contains("2 targets for 1 images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PixelCounterfactual.Options.defaults()
                .withConfidence(1.0));
        assertTrue(e.getMessage().contains("confidence") && e.getMessage().contains("1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PixelCounterfactual.Options.defaults()
                .withWeights(-0.1, 0, 0));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PixelCounterfactual.Options.defaults()
                .withStepSize(0));
        assertTrue(e.getMessage().contains("stepSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PixelCounterfactual.Options.defaults().withMaxSteps(0));
        assertTrue(e.getMessage().contains("maxSteps") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LatentCounterfactual.Options.defaults()
                .withLatentWeight(Double.NaN));
        assertTrue(e.getMessage().contains("latentWeight"), e.getMessage());
    }

    @Test
    void stopsWhenCancelled() {
        LinearClassifier model = new LinearClassifier(SPEC, W, B);
        CancellationToken token = CancellationToken.create();
        token.cancel();
        assertThrows(CancelledException.class, () -> new PixelCounterfactual().explain(model, X, new int[] {1},
                ProgressListener.NONE, token));
    }
}
