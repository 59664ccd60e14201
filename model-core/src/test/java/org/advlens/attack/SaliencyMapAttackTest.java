package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.minimization.SaliencyMapAttack;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * JSMA on six-pixel linear models where the saliency of every pair is known: {@code alpha} is the target's
 * weight and {@code beta} the sum of the other classes' weights at the pair.
 */
class SaliencyMapAttackTest {

    private static final CancellationToken TOKEN = CancellationToken.create();

    /**
     * Target 2 has weight 3 on pixels 1 and 4, where the others sum to -0.5: pair (1, 4) has alpha 6, beta -1,
     * and every other admissible pair scores less. Setting both to 1 gives z = (0.8, 1.4, 6): target reached.
     */
    @Test
    void increasingVariantReachesTheTargetByChangingTheExpectedPair() {
        float[][] w = {
            {1, -1, 1, 1, -1, 1},
            {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f},
            {0, 3, 0, 0, 3, 0}};
        LinearClassifier model = LinearFixtures.model(2, 3, w, new float[] {2, 0, 0});
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 1, 2, 3}, 0.2f);
        assertEquals(0, model.predict(x)[0]);
        MinimizationParams p = new SaliencyMapAttack().defaults().withTarget(2);
        MinimizationOutcome o = MinimizationRunner.run(jsma(true, 0.5), model, x, new int[] {0}, p, TOKEN);
        assertTrue(o.succeeded(0));
        assertEquals(2, o.verified().predictions()[0]);
        assertArrayEquals(new float[] {0.2f, 1, 0.2f, 0.2f, 1, 0.2f}, o.verified().adversarial().pixels(), 1e-6f);
        assertEquals(2, o.distance()[0], "L0 distance");
        assertEquals(2.0 / 6, o.fractionChanged()[0], 1e-9);
    }

    /** Decreasing pixels 0 and 5 (alpha -1 each, beta 2 each) from 0.8 to 0 hands the decision to class 2. */
    @Test
    void decreasingVariantSetsTheExpectedPairToTheLowerBound() {
        float[][] w = {
            {2, 0, 0, 0, 0, 2},
            {0, 0, 0, 0, 0, 0},
            {-1, 0, 0, 0, 0, -1}};
        LinearClassifier model = LinearFixtures.model(2, 3, w, new float[] {0, 0, 2});
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 1, 2, 3}, 0.8f);
        MinimizationParams p = new SaliencyMapAttack(false).defaults().withTarget(2);
        MinimizationOutcome o = MinimizationRunner.run(jsma(false, 0.5), model, x, new int[] {0}, p, TOKEN);
        assertTrue(o.succeeded(0));
        assertArrayEquals(new float[] {0, 0.8f, 0.8f, 0.8f, 0.8f, 0}, o.verified().adversarial().pixels(), 1e-6f);
    }

    @Test
    void theDistortionBudgetStopsTheAttack() {
        float[][] w = {
            {1, -1, 1, 1, -1, 1},
            {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f},
            {0, 3, 0, 0, 3, 0}};
        LinearClassifier model = LinearFixtures.model(2, 3, w, new float[] {2, 0, 0});
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 1, 2, 3}, 0.2f);
        MinimizationParams p = new SaliencyMapAttack().defaults().withTarget(2);
        MinimizationOutcome o = MinimizationRunner.run(jsma(true, 0.2), model, x, new int[] {0}, p, TOKEN);
        assertFalse(o.succeeded(0), "gamma 0.2 allows one value of six, less than a pair");
        assertEquals(0, o.verified().l0()[0]);
        assertEquals(Double.POSITIVE_INFINITY, o.distance()[0]);
    }

    @Test
    void untargetedRunAimsAtTheRunnerUp() {
        float[][] w = {
            {1, -1, 1, 1, -1, 1},
            {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f},
            {0, 3, 0, 0, 3, 0}};
        LinearClassifier model = LinearFixtures.model(2, 3, w, new float[] {2, 0, 0});
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 1, 2, 3}, 0.2f);
        MinimizationOutcome o = MinimizationRunner.run(jsma(true, 0.5), model, x, new int[] {0},
                new SaliencyMapAttack().defaults(), TOKEN);
        assertTrue(o.succeeded(0));
        assertEquals(2, o.verified().predictions()[0], "z = (2.4, 0.6, 1.2): the runner-up is class 2");
    }

    private static SaliencyMapAttack jsma(boolean increase, double gamma) {
        return new SaliencyMapAttack(increase, new SaliencyMapAttack.Options(gamma));
    }
}
