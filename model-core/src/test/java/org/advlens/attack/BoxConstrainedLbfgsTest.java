package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.minimization.BoxConstrainedLbfgs;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The box-constrained L-BFGS attack on linear models, whose minimal L2 distances are known. */
class BoxConstrainedLbfgsTest {

    private static final CancellationToken TOKEN = CancellationToken.create();

    @Test
    void approachesTheBoundaryDistanceOfABinaryLinearModel() {
        float[][] w = LinearFixtures.weights(2, 16, 51);
        float[] b = {0.1f, -0.1f};
        LinearClassifier model = LinearFixtures.model(4, 4, w, b);
        INDArray x = LinearFixtures.images(6, 4, 4, 0.35, 0.65, 53);
        int[] labels = model.predict(x);
        BoxConstrainedLbfgs lbfgs = new BoxConstrainedLbfgs(BoxConstrainedLbfgs.Options.defaults().withSearchSteps(12));
        MinimizationOutcome o = MinimizationRunner.run(lbfgs, model, x, labels, lbfgs.defaults(), TOKEN);
        assertEquals(1.0, o.successRate());
        assertEquals(0, o.verified().repaired());
        for (int i = 0; i < labels.length; i++) {
            double exact = LinearFixtures.boundaryDistance(w, b, LinearFixtures.row(x, i), labels[i], Norm.L2);
            double found = o.distance()[i];
            assertTrue(found >= exact * (1 - 1e-3) && found <= exact * 1.05, "example " + i + ": " + found
                    + " for the exact " + exact);
        }
    }

    @Test
    void targetedRunReachesTheTargetInsideTheBox() {
        float[][] w = LinearFixtures.weights(4, 16, 55);
        LinearClassifier model = LinearFixtures.model(4, 4, w, new float[] {0, 0, 0, 0});
        INDArray x = LinearFixtures.images(6, 4, 4, 0.2, 0.8, 57);
        int[] labels = model.predict(x);
        MinimizationOutcome o = MinimizationRunner.run(new BoxConstrainedLbfgs(), model, x, labels,
                new BoxConstrainedLbfgs().defaults().withTarget(3), TOKEN);
        for (int i = 0; i < labels.length; i++) {
            if (o.eligible()[i]) {
                assertTrue(o.succeeded(i), "example " + i);
                assertEquals(3, o.verified().predictions()[i]);
            }
        }
        for (float v : o.verified().adversarial().pixels()) {
            assertTrue(v >= 0 && v <= 1, "value " + v + " outside the box");
        }
    }
}
