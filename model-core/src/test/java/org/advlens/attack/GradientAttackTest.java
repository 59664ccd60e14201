package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.gradient.BasicIterativeMethod;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.job.CancellationToken;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact attack steps on a two-pixel, two-class linear model {@code z0 = x0 - x1, z1 = -x0 + x1 + 0.5}.
 * With true label 0 the cross-entropy gradient is {@code p1 * (w1 - w0) = p1 * (-2, +2)}, whose sign is
 * {@code (-1, +1)} at every input; so every L-inf step moves pixel 0 down and pixel 1 up by the step size.
 */
class GradientAttackTest {

    private static final InputSpec SPEC = new InputSpec(1, 1, 2, ChannelOrder.NCHW, 0, 1, null, null);
    private static final LinearClassifier MODEL = new LinearClassifier(SPEC,
            new float[][] {{1, -1}, {-1, 1}}, new float[] {0, 0.5f});
    private static final CancellationToken TOKEN = CancellationToken.create();

    private static INDArray image(float a, float b) {
        return Nd4j.createFromArray(new float[] {a, b}).reshape(1, 1, 1, 2);
    }

    private static float[] pixels(AttackOutcome o) {
        return o.adversarial().pixels();
    }

    @Test
    void fgsmTakesOneSignStepOfSizeEpsilon() {
        AttackOutcome o = AttackRunner.run(new FastGradientSignMethod(), MODEL, image(0.6f, 0.3f), new int[] {0},
                new double[] {0.1}, AttackParams.defaults().withSteps(1), TOKEN).get(0);
        assertArrayEquals(new float[] {0.5f, 0.4f}, pixels(o), 1e-6f);
        assertEquals(0.1, o.linf()[0], 1e-6);
        assertEquals(0.1 * Math.sqrt(2), o.l2()[0], 1e-6);
        assertEquals(2, o.l0()[0]);
    }

    @Test
    void fgsmFlipsThePredictionWhenEpsilonCrossesTheBoundary() {
        // Margin z0 - z1 = 2(x0 - x1) - 0.5 = 0.1 at (0.6, 0.3); each unit of eps lowers it by 4: boundary at eps 0.025.
        List<AttackOutcome> o = AttackRunner.run(new FastGradientSignMethod(), MODEL, image(0.6f, 0.3f),
                new int[] {0}, new double[] {0.02, 0.03}, AttackParams.defaults(), TOKEN);
        assertFalse(o.get(0).success()[0]);
        assertTrue(o.get(1).success()[0]);
        assertEquals(1, o.get(1).predictions()[0]);
    }

    @Test
    void l2FastGradientStepsAlongTheNormalisedGradient() {
        AttackOutcome o = AttackRunner.run(new FastGradientSignMethod(), MODEL, image(0.6f, 0.3f), new int[] {0},
                new double[] {0.2}, AttackParams.defaults().withNorm(Norm.L2), TOKEN).get(0);
        double s = 0.2 / Math.sqrt(2);
        assertArrayEquals(new float[] {(float) (0.6 - s), (float) (0.3 + s)}, pixels(o), 1e-6f);
        assertEquals(0.2, o.l2()[0], 1e-6);
    }

    @Test
    void bimStepsAddUpToEpsilonAndStayInsideTheBall() {
        AttackParams p = AttackParams.defaults().withSteps(4);
        AttackOutcome o = AttackRunner.run(new BasicIterativeMethod(), MODEL, image(0.6f, 0.3f), new int[] {0},
                new double[] {0.08}, p, TOKEN).get(0);
        assertArrayEquals(new float[] {0.52f, 0.38f}, pixels(o), 1e-6f);
        AttackOutcome big = AttackRunner.run(new BasicIterativeMethod(), MODEL, image(0.6f, 0.3f), new int[] {0},
                new double[] {0.08}, p.withRelativeStepSize(0.7), TOKEN).get(0);
        assertArrayEquals(new float[] {0.52f, 0.38f}, pixels(big), 1e-6f);
        assertEquals(0, big.repaired());
    }

    @Test
    void stepsAreClippedToTheModelBounds() {
        AttackOutcome o = AttackRunner.run(new BasicIterativeMethod(), MODEL, image(0.05f, 0.98f), new int[] {0},
                new double[] {0.1}, AttackParams.defaults().withSteps(5), TOKEN).get(0);
        assertArrayEquals(new float[] {0f, 1f}, pixels(o), 1e-6f);
        assertEquals(0.05, o.linf()[0], 1e-6);
    }

    @Test
    void targetedAttackDescendsTowardsTheTarget() {
        // Label 1 image, target 0: descending CE(target 0) moves along sign(w0 - w1) = (+1, -1).
        AttackParams p = AttackParams.defaults().withSteps(1).withTarget(0);
        AttackOutcome o = AttackRunner.run(new FastGradientSignMethod(), MODEL, image(0.3f, 0.6f), new int[] {1},
                new double[] {0.1}, p, TOKEN).get(0);
        assertArrayEquals(new float[] {0.4f, 0.5f}, pixels(o), 1e-6f);
    }

    @Test
    void pgdWithRandomStartStaysInTheBallAndIsReproducible() {
        AttackParams p = AttackParams.defaults().withSteps(10).withRestarts(3).withSeed(42);
        INDArray x = Nd4j.rand(new long[] {8, 1, 1, 2}).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        int[] labels = new int[8];
        for (Norm norm : Norm.values()) {
            AttackParams pn = p.withNorm(norm);
            AttackOutcome a = AttackRunner.run(new ProjectedGradientDescent(), MODEL, x, labels, new double[] {0.05}, pn, TOKEN).get(0);
            AttackOutcome b = AttackRunner.run(new ProjectedGradientDescent(), MODEL, x, labels, new double[] {0.05}, pn, TOKEN).get(0);
            assertArrayEquals(a.adversarial().pixels(), b.adversarial().pixels(), "same seed, same result");
            for (double n : norm == Norm.LINF ? a.linf() : a.l2()) {
                assertTrue(n <= 0.05 + 1e-6, "norm " + n + " exceeds eps");
            }
            assertEquals(0, a.repaired());
        }
    }

    @Test
    void pgdConvergesToTheCornerOfTheBallOnALinearModel() {
        AttackOutcome o = AttackRunner.run(new ProjectedGradientDescent(), MODEL, image(0.6f, 0.3f), new int[] {0},
                new double[] {0.1}, AttackParams.defaults().withSeed(7), TOKEN).get(0);
        assertArrayEquals(new float[] {0.5f, 0.4f}, pixels(o), 1e-5f);
    }

    @Test
    void epsilonZeroReturnsTheCleanInput() {
        for (FixedEpsilonAttack attack : Attacks.all()) {
            AttackOutcome o = AttackRunner.run(attack, MODEL, image(0.6f, 0.3f), new int[] {0}, new double[] {0},
                    attack.defaults(), TOKEN).get(0);
            assertArrayEquals(new float[] {0.6f, 0.3f}, pixels(o), 0f, attack.name());
        }
    }

    @Test
    void theEngineRepairsAnAttackThatLeavesTheBall() {
        INDArray x = image(0.6f, 0.3f);
        INDArray cheating = image(0.1f, 0.9f);
        AttackOutcome o = AttackRunner.verify("cheat", MODEL, x, new int[] {0}, 0.1, AttackParams.defaults(), cheating);
        assertEquals(1, o.repaired());
        assertArrayEquals(new float[] {0.5f, 0.4f}, pixels(o), 1e-6f);
        assertTrue(o.linf()[0] <= 0.1 + 1e-6);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        FixedEpsilonAttack fgsm = new FastGradientSignMethod();
        AttackParams p = AttackParams.defaults();
        var e1 = assertThrows(IllegalArgumentException.class, () -> fgsm.run(MODEL, image(0.6f, 0.3f),
                new int[] {0}, new double[] {-0.1}, p, TOKEN));
        assertTrue(e1.getMessage().contains("-0.1"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> fgsm.run(MODEL, image(1.6f, 0.3f),
                new int[] {0}, new double[] {0.1}, p, TOKEN));
        assertTrue(e2.getMessage().contains("bounds"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> fgsm.run(MODEL,
                Nd4j.zeros(1, 1, 2, 2), new int[] {0}, new double[] {0.1}, p, TOKEN));
        assertTrue(e3.getMessage().contains("[n, 1, 1, 2]"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> fgsm.run(MODEL, image(0.6f, 0.3f),
                new int[] {5}, new double[] {0.1}, p, TOKEN));
        assertTrue(e4.getMessage().contains("label 5"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> Attacks.byName("nope"));
        assertTrue(e5.getMessage().contains("pgd"), e5.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> p.withRelativeStepSize(-1));
        assertThrows(IllegalArgumentException.class, () -> fgsm.run(MODEL, image(0.6f, 0.3f),
                new int[] {0}, new double[] {0.1}, p.withTarget(3), TOKEN));
    }
}
