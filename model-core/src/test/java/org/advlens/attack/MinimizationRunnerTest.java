package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.MinimumEpsilonSearch;
import org.advlens.attack.minimization.SaliencyMapAttack;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The engine's check of minimisation attacks, and the minimum-epsilon search over a fixed-epsilon attack. */
class MinimizationRunnerTest {

    private static final CancellationToken TOKEN = CancellationToken.create();
    // z0 - z1 = x0 - x1: class 0 wins when x0 > x1; L-inf distance (x0 - x1) / 2, L2 (x0 - x1) / sqrt(2).
    private static final LinearClassifier MODEL = LinearFixtures.model(1, 2, new float[][] {{1, -1}, {0, 0}},
            new float[] {0, 0});

    private static INDArray images(float[]... rows) {
        return Nd4j.createFromArray(rows).reshape(rows.length, 1, 1, 2);
    }

    /** An attack that claims success by returning whatever it was built with. */
    private record Fixed(INDArray answer) implements MinimizationAttack {
        public String name() {
            return "fixed";
        }

        public String displayName() {
            return "fixed";
        }

        public DistanceMeasure measure(MinimizationParams p) {
            return DistanceMeasure.L2;
        }

        public MinimizationParams defaults() {
            return MinimizationParams.defaults();
        }

        public MinimizationCandidates run(Classifier m, INDArray x, int[] l, MinimizationParams p, CancellationToken t) {
            return new MinimizationCandidates(answer, new double[] {0.01, 0.02, 0.03});
        }
    }

    @Test
    void theEngineClipsMeasuresAndDecidesSuccessItself() {
        INDArray x = images(new float[] {0.6f, 0.4f}, new float[] {0.7f, 0.2f}, new float[] {0.3f, 0.5f});
        // example 0: out of bounds but would flip; example 1: does not flip; example 2: clean error
        INDArray claimed = images(new float[] {0.3f, 1.4f}, new float[] {0.69f, 0.2f}, new float[] {0.3f, 0.5f});
        MinimizationOutcome o = MinimizationRunner.run(new Fixed(claimed), MODEL, x, new int[] {0, 0, 0},
                MinimizationParams.defaults(), TOKEN);
        assertEquals(1, o.verified().repaired());
        assertEquals(1f, o.verified().adversarial().pixels()[1], 1e-6f);
        assertTrue(o.succeeded(0));
        assertEquals(Math.hypot(0.3, 0.6), o.distance()[0], 1e-6);
        assertFalse(o.succeeded(1));
        assertEquals(Double.POSITIVE_INFINITY, o.distance()[1]);
        assertFalse(o.eligible()[2]);
        assertEquals(0, o.distance()[2]);
        assertEquals(0.5, o.successRate());
        assertEquals(0.02, o.estimatedDistance()[1], "estimates are passed through, not used");
    }

    @Test
    void minimumEpsilonSearchOverFgsmFindsTheLinfBoundaryToItsResolution() {
        INDArray x = images(new float[] {0.6f, 0.4f}, new float[] {0.7f, 0.2f}, new float[] {0.55f, 0.5f});
        FastGradientSignMethod fgsm = new FastGradientSignMethod();
        MinimumEpsilonSearch search = new MinimumEpsilonSearch(fgsm, fgsm.defaults(),
                MinimumEpsilonSearch.Options.defaults().withSearchSteps(12));
        MinimizationParams p = search.defaults().withNorm(Norm.LINF);
        MinimizationOutcome o = MinimizationRunner.run(search, MODEL, x, new int[] {0, 0, 0}, p, TOKEN);
        double[] exact = {0.1, 0.25, 0.025};
        for (int i = 0; i < 3; i++) {
            assertTrue(o.succeeded(i));
            assertTrue(o.distance()[i] >= exact[i] - 1e-6, "below the exact distance: " + o.distance()[i]);
            assertTrue(o.distance()[i] <= exact[i] + 1.0 / 4096 + 1e-6, "example " + i + ": " + o.distance()[i]);
        }
        assertEquals("min-fgsm", search.name());
        assertEquals("min-pgd", MinimizationAttacks.byName("min-pgd").name());
        assertThrows(IllegalArgumentException.class, () -> MinimizationAttacks.byName("min-nothing"));
        assertThrows(IllegalArgumentException.class, () -> SaliencyMapAttack.Options.defaults().withMaxDistortion(0));
        var e = assertThrows(IllegalArgumentException.class, () -> DeepFool.Options.defaults().withSteps(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }
}
