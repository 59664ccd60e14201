package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.minimization.CarliniWagnerL2;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.SaliencyMapAttack;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minimisation attacks on the bundled CNN, kept quick (a few images, short budgets; the full figures come from
 * {@link BundledAttackBenchmarkTest}): DeepFool and C&W fool at least 95 % of the correctly classified images, the
 * engine never has to repair their output, and JSMA changes no more values than its budget allows.
 */
class BundledMinimizationTest {

    private static Classifier model;
    private static INDArray x;
    private static int[] labels;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        LabelledDataset data = Datasets.bundledEvaluation().limit(20);
        x = data.images().toArray();
        labels = data.labels();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static MinimizationOutcome run(MinimizationAttack a, MinimizationParams p, int n) {
        INDArray sub = BatchRows.select(x, java.util.stream.IntStream.range(0, n).toArray());
        return MinimizationRunner.run(a, model, sub, java.util.Arrays.copyOf(labels, n), p, CancellationToken.create());
    }

    @Test
    void deepFoolFoolsAlmostEveryCorrectlyClassifiedImage() {
        for (Norm norm : Norm.values()) {
            MinimizationOutcome o = run(new DeepFool(), new DeepFool().defaults().withNorm(norm), 20);
            assertEquals(0, o.verified().repaired());
            assertTrue(o.successRate() >= 0.95, norm + " DeepFool success " + o.successRate() + ", mean "
                    + o.meanDistance());
            for (int i = 0; i < o.count(); i++) {
                if (o.succeeded(i)) {
                    assertTrue(o.estimatedDistance()[i] <= o.distance()[i] * 1.5 + 1e-6, "estimate of " + i);
                }
            }
        }
    }

    @Test
    void carliniWagnerFoolsAlmostEveryCorrectlyClassifiedImage() {
        CarliniWagnerL2 attack = new CarliniWagnerL2(CarliniWagnerL2.Options.defaults().withSteps(40)
                .withSearchSteps(3).withInitialConstant(1).withLearningRate(0.05));
        MinimizationOutcome cw = run(attack, attack.defaults(), 8);
        assertEquals(0, cw.verified().repaired());
        assertTrue(cw.successRate() >= 0.95, "C&W success " + cw.successRate() + ", mean L2 " + cw.meanDistance());
    }

    @Test
    void jsmaStaysWithinItsDistortionBudget() {
        MinimizationOutcome o = run(new SaliencyMapAttack(true, new SaliencyMapAttack.Options(0.05)),
                new SaliencyMapAttack().defaults(), 4);
        for (int i = 0; i < o.count(); i++) {
            assertTrue(o.fractionChanged()[i] <= 0.05 + 1e-9, "changed " + o.fractionChanged()[i]);
        }
    }
}
