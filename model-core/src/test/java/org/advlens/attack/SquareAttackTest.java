package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.blackbox.SquareAttack;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Square attack on a linear model: it succeeds within its query budget and stays inside the ball. */
class SquareAttackTest {

    private static final CancellationToken TOKEN = CancellationToken.create();
    private static final float[][] W = LinearFixtures.weights(3, 64, 41);
    private static final float[] B = {0, 0, 0};
    private static final LinearClassifier MODEL = LinearFixtures.model(8, 8, W, B);
    private static final INDArray X = LinearFixtures.images(30, 8, 8, 0.2, 0.8, 43);
    private static final int[] LABELS = MODEL.predict(X);

    @Test
    void succeedsWithinItsBudgetAndStaysInTheBall() {
        for (Norm norm : Norm.values()) {
            double eps = norm == Norm.LINF ? 0.15 : 1.5;
            AttackParams p = new SquareAttack().defaults().withNorm(norm).withSteps(300).withSeed(3);
            AttackOutcome o = AttackRunner.run(new SquareAttack(), MODEL, X, LABELS, new double[] {eps}, p, TOKEN)
                    .get(0);
            assertEquals(0, o.repaired(), norm + ": Square left the ball or the bounds");
            double[] size = norm == Norm.LINF ? o.linf() : o.l2();
            for (double s : size) {
                assertTrue(s <= eps + 1e-5, norm + ": perturbation " + s + " > eps " + eps);
            }
            for (int i = 0; i < LABELS.length; i++) {
                double d = LinearFixtures.boundaryDistance(W, B, LinearFixtures.row(X, i), LABELS[i], norm);
                if (d < 0.5 * eps) {
                    assertTrue(o.success()[i], norm + ": example " + i + " with boundary at " + d + " not fooled");
                }
            }
            assertTrue(o.successRate() >= 0.8, norm + ": success " + o.successRate());
        }
    }

    @Test
    void isScoreBasedAndFollowsTheWindowSchedule() {
        assertFalse(new SquareAttack().usesGradients());
        double pInit = SquareAttack.Options.defaults().pInit();
        assertEquals(pInit, SquareAttack.windowFraction(pInit, 0, 1000));
        assertEquals(pInit / 2, SquareAttack.windowFraction(pInit, 2, 1000));
        assertEquals(pInit / 512, SquareAttack.windowFraction(pInit, 999, 1000));
    }

    @Test
    void targetedSquareReachesTheTarget() {
        AttackParams p = new SquareAttack().defaults().withSteps(300).withTarget(1).withSeed(4);
        AttackOutcome o = AttackRunner.run(new SquareAttack(), MODEL, X, LABELS, new double[] {0.3}, p, TOKEN).get(0);
        assertTrue(o.successRate() >= 0.9, "targeted success " + o.successRate());
    }
}
