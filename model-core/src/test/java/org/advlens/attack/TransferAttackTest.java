package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.blackbox.TransferAttack;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Transfer between linear models: from an identical surrogate it equals the white-box attack; from a surrogate
 * whose class scores are reversed it moves every example deeper into its own class.
 */
class TransferAttackTest {

    private static final CancellationToken TOKEN = CancellationToken.create();
    private static final float[][] W = LinearFixtures.weights(2, 16, 71);
    private static final LinearClassifier TARGET = LinearFixtures.model(4, 4, W, new float[] {0, 0});
    private static final INDArray X = LinearFixtures.images(20, 4, 4, 0.3, 0.7, 73);
    private static final int[] LABELS = TARGET.predict(X);
    private static final AttackParams P = AttackParams.defaults().withSteps(10).withSeed(1);

    @Test
    void anIdenticalSurrogateTransfersExactly() {
        LinearClassifier copy = LinearFixtures.model(4, 4, W, new float[] {0, 0});
        AttackOutcome direct = AttackRunner.run(new ProjectedGradientDescent(), TARGET, X, LABELS,
                new double[] {0.1}, P, TOKEN).get(0);
        AttackOutcome transferred = AttackRunner.run(new TransferAttack(copy, new ProjectedGradientDescent()),
                TARGET, X, LABELS, new double[] {0.1}, P, TOKEN).get(0);
        assertArrayEquals(direct.adversarial().pixels(), transferred.adversarial().pixels());
        assertEquals("transfer-pgd", new TransferAttack(copy, new ProjectedGradientDescent()).name());
        assertFalse(new TransferAttack(copy, new ProjectedGradientDescent()).usesGradients());
    }

    @Test
    void aReversedSurrogateNeverFoolsTheTarget() {
        LinearClassifier reversed = LinearFixtures.model(4, 4, new float[][] {W[1], W[0]}, new float[] {0, 0});
        AttackOutcome o = AttackRunner.run(new TransferAttack(reversed, new FastGradientSignMethod()), TARGET, X,
                LABELS, new double[] {0.2}, P, TOKEN).get(0);
        assertEquals(0.0, o.successRate());
        assertEquals(1.0, o.accuracy());
        assertTrue(o.meanLinf() > 0.1, "the surrogate's attack still moved the images");
    }

    @Test
    void aSurrogateOfAnotherShapeIsRejected() {
        LinearClassifier other = LinearFixtures.model(2, 8, W, new float[] {0, 0});
        var e = assertThrows(IllegalArgumentException.class, () -> new TransferAttack(other,
                new FastGradientSignMethod()).run(TARGET, X, LABELS, new double[] {0.1}, P, TOKEN));
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
    }
}
