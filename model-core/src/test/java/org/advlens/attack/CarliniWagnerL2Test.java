package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.minimization.CarliniWagnerL2;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** C&W L2 on linear classifiers, whose minimal L2 adversarial distance is known in closed form. */
class CarliniWagnerL2Test {

    private static final CancellationToken TOKEN = CancellationToken.create();

    @Test
    void approachesTheExactBoundaryDistanceOnAMultiClassLinearModel() {
        float[][] w = LinearFixtures.weights(3, 16, 7);
        float[] b = {0.2f, 0, -0.2f};
        LinearClassifier model = LinearFixtures.model(4, 4, w, b);
        INDArray x = LinearFixtures.images(6, 4, 4, 0.35, 0.65, 9);
        int[] labels = model.predict(x);
        CarliniWagnerL2 cw = new CarliniWagnerL2(CarliniWagnerL2.Options.defaults().withSteps(150)
                .withSearchSteps(6).withLearningRate(0.02).withInitialConstant(1));
        MinimizationOutcome o = MinimizationRunner.run(cw, model, x, labels, cw.defaults(), TOKEN);
        assertEquals(1.0, o.successRate());
        for (int i = 0; i < labels.length; i++) {
            double exact = LinearFixtures.boundaryDistance(w, b, LinearFixtures.row(x, i), labels[i], Norm.L2);
            double found = o.distance()[i];
            assertTrue(found >= exact * (1 - 1e-3), "example " + i + ": " + found + " below the exact " + exact);
            assertTrue(found <= exact * 1.03, "example " + i + ": " + found + " more than 3% above " + exact);
        }
    }

    @Test
    void aPixelAtTheBoundStillMoves() {
        // Only pixel 0 matters and it starts at the lower bound: z0 - z1 = 0.3 - x0, so the boundary is at x0 = 0.3.
        LinearClassifier model = LinearFixtures.model(1, 2, new float[][] {{0, 0}, {1, 0}}, new float[] {0.3f, 0});
        INDArray x = Nd4j.createFromArray(new float[] {0f, 0.5f}).reshape(1, 1, 1, 2);
        CarliniWagnerL2 cw = new CarliniWagnerL2(CarliniWagnerL2.Options.defaults().withSteps(200)
                .withSearchSteps(4).withLearningRate(0.1).withInitialConstant(1));
        MinimizationOutcome o = MinimizationRunner.run(cw, model, x, new int[] {0}, cw.defaults(), TOKEN);
        assertTrue(o.succeeded(0), "the pixel at 0 never moved");
        assertEquals(0.3, o.distance()[0], 0.3 * 0.03);
        assertEquals(0.5f, o.verified().adversarial().pixels()[1], 1e-4f);
    }

    @Test
    void targetedRunsReachTheTargetWithConfidence() {
        float[][] w = LinearFixtures.weights(3, 16, 17);
        float[] b = {0, 0, 0};
        LinearClassifier model = LinearFixtures.model(4, 4, w, b);
        INDArray x = LinearFixtures.images(6, 4, 4, 0.3, 0.7, 19);
        int[] labels = model.predict(x);
        CarliniWagnerL2 cw = new CarliniWagnerL2(CarliniWagnerL2.Options.defaults().withConfidence(0.5)
                .withSteps(200).withInitialConstant(1));
        MinimizationOutcome o = MinimizationRunner.run(cw, model, x, labels, cw.defaults().withTarget(1), TOKEN);
        float[][] z = model.logits(o.verified().adversarial().toArray()).toFloatMatrix();
        for (int i = 0; i < labels.length; i++) {
            if (o.eligible()[i]) {
                assertTrue(o.succeeded(i), "example " + i);
                double margin = z[i][1] - Math.max(z[i][0], z[i][2]);
                assertTrue(margin >= 0.5 - 1e-3, "example " + i + " wins by only " + margin);
            }
        }
    }

    @Test
    void anLinfNormIsRejected() {
        LinearClassifier model = LinearFixtures.model(1, 2, new float[][] {{0, 0}, {1, 0}}, new float[] {0.3f, 0});
        INDArray x = Nd4j.createFromArray(new float[] {0f, 0.5f}).reshape(1, 1, 1, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> new CarliniWagnerL2().run(model, x,
                new int[] {0}, new CarliniWagnerL2().defaults().withNorm(Norm.LINF), TOKEN));
        assertTrue(e.getMessage().contains("linf"), e.getMessage());
    }
}
