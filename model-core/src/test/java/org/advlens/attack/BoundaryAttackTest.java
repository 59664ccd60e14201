package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.blackbox.BoundaryAttack;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The decision-based Boundary attack on a linear model: it walks to near the exact boundary distance. */
class BoundaryAttackTest {

    private static final CancellationToken TOKEN = CancellationToken.create();

    @Test
    void walksCloseToTheExactBoundaryDistance() {
        float[][] w = LinearFixtures.weights(2, 16, 61);
        float[] b = {0.1f, 0};
        LinearClassifier model = LinearFixtures.model(4, 4, w, b);
        INDArray x = LinearFixtures.images(6, 4, 4, 0.35, 0.65, 63);
        int[] labels = model.predict(x);
        MinimizationParams p = new BoundaryAttack().defaults().withSeed(2);
        MinimizationOutcome o = MinimizationRunner.run(boundary(3000), model, x, labels, p, TOKEN);
        assertEquals(1.0, o.successRate());
        for (int i = 0; i < labels.length; i++) {
            double exact = LinearFixtures.boundaryDistance(w, b, LinearFixtures.row(x, i), labels[i], Norm.L2);
            double found = o.distance()[i];
            assertTrue(found >= exact * (1 - 1e-3) && found <= exact * 1.1, "example " + i + ": " + found
                    + " for the exact " + exact);
        }
    }

    @Test
    void targetedRunStartsFromAnImageOfTheTargetAndFailsWithoutOne() {
        float[][] w = LinearFixtures.weights(3, 16, 65);
        LinearClassifier model = LinearFixtures.model(4, 4, w, new float[] {0, 0, 0});
        INDArray x = LinearFixtures.images(8, 4, 4, 0.2, 0.8, 67);
        int[] labels = model.predict(x);
        int target = labels[0];
        MinimizationOutcome o = MinimizationRunner.run(boundary(300), model, x, labels,
                new BoundaryAttack().defaults().withTarget(target), TOKEN);
        for (int i = 0; i < labels.length; i++) {
            if (o.eligible()[i]) {
                assertEquals(target, o.verified().predictions()[i], "example " + i);
            }
        }
        int[] others = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] != target).toArray();
        INDArray without = BatchRows.select(x, others);
        MinimizationOutcome none = MinimizationRunner.run(boundary(10), model, without,
                BatchRows.pick(labels, others), new BoundaryAttack().defaults().withTarget(target), TOKEN);
        assertEquals(0.0, none.successRate(), "no image of the target to start from");
    }

    private static BoundaryAttack boundary(int steps) {
        return new BoundaryAttack(BoundaryAttack.Options.defaults().withSteps(steps));
    }
}
