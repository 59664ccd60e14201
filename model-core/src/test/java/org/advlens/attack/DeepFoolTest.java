package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.minimization.DeepFool;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DeepFool on linear classifiers, where the first linearisation is exact: the boundary distance it finds is
 * {@code |w.x + b| / ||w||} (binary) or the smallest such distance over the other classes (multi-class), in the
 * dual norm for L-inf.
 */
class DeepFoolTest {

    private static final CancellationToken TOKEN = CancellationToken.create();

    @Test
    void binaryLinearClassifierGivesTheExactBoundaryDistanceInBothNorms() {
        float[][] w = LinearFixtures.weights(2, 16, 3);
        float[] b = {0.3f, -0.2f};
        LinearClassifier model = LinearFixtures.model(4, 4, w, b);
        INDArray x = LinearFixtures.images(6, 4, 4, 0.4, 0.6, 5);
        int[] labels = model.predict(x);
        for (Norm norm : Norm.values()) {
            MinimizationParams p = new DeepFool().defaults().withNorm(norm);
            MinimizationOutcome o = MinimizationRunner.run(new DeepFool(), model, x, labels, p, TOKEN);
            for (int i = 0; i < labels.length; i++) {
                float[] xi = LinearFixtures.row(x, i);
                double z0 = LinearFixtures.logits(w, b, xi)[0] - LinearFixtures.logits(w, b, xi)[1];
                double dual = 0;
                for (int j = 0; j < 16; j++) {
                    double d = w[0][j] - w[1][j];
                    dual += norm == Norm.L2 ? d * d : Math.abs(d);
                }
                double exact = Math.abs(z0) / (norm == Norm.L2 ? Math.sqrt(dual) : dual);
                assertEquals(exact, LinearFixtures.boundaryDistance(w, b, xi, labels[i], norm), 1e-7);
                assertEquals(exact, o.estimatedDistance()[i], 1e-4 * exact + 1e-6, norm + " example " + i);
                assertTrue(o.succeeded(i), norm + " example " + i + " not fooled");
                // the step aims 1e-4 past the boundary, then the overshoot multiplies it by 1.02
                assertEquals((exact + 1e-4) * 1.02, o.distance()[i], 1e-4 * exact + 1e-6, "measured " + norm);
            }
        }
    }

    @Test
    void multiClassLinearClassifierFindsTheNearestOfSeveralBoundaries() {
        float[][] w = LinearFixtures.weights(5, 25, 11);
        float[] b = {0.5f, 0, -0.5f, 0.2f, 0.1f};
        LinearClassifier model = LinearFixtures.model(5, 5, w, b);
        INDArray x = LinearFixtures.images(8, 5, 5, 0.35, 0.65, 13);
        int[] labels = model.predict(x);
        for (Norm norm : Norm.values()) {
            MinimizationOutcome o = MinimizationRunner.run(new DeepFool(DeepFool.Options.defaults().withOvershoot(0.01)),
                    model, x, labels, new DeepFool().defaults().withNorm(norm), TOKEN);
            assertEquals(1.0, o.successRate());
            for (int i = 0; i < labels.length; i++) {
                double exact = LinearFixtures.boundaryDistance(w, b, LinearFixtures.row(x, i), labels[i], norm);
                assertEquals(exact, o.estimatedDistance()[i], 1e-4 * exact + 1e-6, norm + " example " + i);
                assertEquals((exact + 1e-4) * 1.01, o.distance()[i], 1e-4 * exact + 1e-6, norm + " example " + i);
            }
        }
    }

    @Test
    void boundaryDistanceIsReportedWhenClippingStopsTheStepShort() {
        // z0 - z1 = x0 + x1 - 2.5 < 0 everywhere in the box: class 1 always wins. From (0.9, 0.8) the boundary is
        // 0.8 / sqrt(2) away along (1, 1); the step is clipped at (1, 1) and the attack fails, but reports it.
        LinearClassifier model = LinearFixtures.model(1, 2, new float[][] {{1, 1}, {0, 0}}, new float[] {-2.5f, 0});
        INDArray x = Nd4j.createFromArray(new float[] {0.9f, 0.8f}).reshape(1, 1, 1, 2);
        MinimizationOutcome o = MinimizationRunner.run(new DeepFool(), model, x, new int[] {1},
                new DeepFool().defaults(), TOKEN);
        assertFalse(o.succeeded(0), "the boundary lies outside the box");
        assertEquals(Double.POSITIVE_INFINITY, o.distance()[0]);
        assertEquals((2.5 - 1.7) / Math.sqrt(2), o.estimatedDistance()[0], 1e-4);
        float[] adv = o.verified().adversarial().pixels();
        assertEquals(1f, adv[0], 1e-6f);
        assertEquals(1f, adv[1], 1e-6f);
    }

    @Test
    void targetedRunReachesTheTarget() {
        float[][] w = LinearFixtures.weights(4, 16, 21);
        float[] b = {0, 0, 0, 0};
        LinearClassifier model = LinearFixtures.model(4, 4, w, b);
        INDArray x = LinearFixtures.images(6, 4, 4, 0.3, 0.7, 23);
        int[] labels = model.predict(x);
        MinimizationOutcome o = MinimizationRunner.run(new DeepFool(), model, x, labels,
                new DeepFool().defaults().withTarget(2), TOKEN);
        for (int i = 0; i < labels.length; i++) {
            if (o.eligible()[i]) {
                assertEquals(2, o.verified().predictions()[i], "example " + i);
            }
        }
    }
}
