package org.advlens.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.ExampleSeeds;
import org.advlens.attack.Norm;
import org.advlens.attack.SeededNoise;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random choices are seeded per example by (run seed, data-set index): a curve gives the same per-example results
 * whatever the batch size, which is what lets a data set be cut into partitions on a cluster.
 */
class PerExampleSeedingTest {

    @Test
    void exampleSeedsDependOnTheRunSeedAndTheIndexOnly() {
        assertEquals(ExampleSeeds.of(7, 12), ExampleSeeds.of(7, 12));
        assertNotEquals(ExampleSeeds.of(7, 12), ExampleSeeds.of(7, 13));
        assertNotEquals(ExampleSeeds.of(7, 12), ExampleSeeds.of(8, 12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExampleSeeds.of(7, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void perExampleNoiseGivesEachRowItsOwnStreamWhateverTheBatch() {
        INDArray batch = SeededNoise.perExample(5, 10, 4).gaussian(4, 1, 3, 3);
        for (int r = 0; r < 4; r++) {
            INDArray alone = SeededNoise.perExample(5, 10 + r, 1).gaussian(1, 1, 3, 3);
            assertEquals(alone.reshape(9), batch.slice(r).reshape(9), "row " + r);
        }
        INDArray uniform = SeededNoise.perExample(5, 0, 2).uniform(2, 1);
        assertEquals(SeededNoise.perExample(5, 1, 1).uniform(1, 1).getDouble(0), uniform.getDouble(1), 0);
    }

    @Test
    void perExampleNoiseRejectsAShapeWithAnotherRowCount() {
        SeededNoise noise = SeededNoise.perExample(5, 0, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noise.gaussian(3, 9));
        assertTrue(e.getMessage().contains("4 examples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeededNoise.perExample(5, 0, 0));
    }

    @Test
    void aCurveGivesTheSamePerExampleResultsForAnyBatchSize() {
        LinearClassifier model = RobustnessCurveTest.linearModel(0);
        LabelledDataset data = RobustnessCurveTest.dataFor(model, 30);
        List<CurveSpec.Entry> attacks = List.of(
                new CurveSpec.Entry("pgd", AttackParams.defaults().withSteps(5).withRestarts(2).withSeed(11)),
                new CurveSpec.Entry("square", AttackParams.defaults().withSteps(40).withSeed(12)),
                new CurveSpec.Entry("square", AttackParams.defaults().withNorm(Norm.L2).withSteps(40).withSeed(13)));
        double[] eps = {0.05, 0.15};
        CurveResult big = curve(model, data, new CurveSpec(attacks, eps, 30));
        CurveResult small = curve(model, data, new CurveSpec(attacks, eps, 7));
        assertEquals(big.curves().size(), small.curves().size());
        boolean someFooled = false;
        for (int a = 0; a < big.curves().size(); a++) {
            List<CurvePoint> p = big.curves().get(a).points();
            List<CurvePoint> q = small.curves().get(a).points();
            for (int k = 0; k < p.size(); k++) {
                String where = big.curves().get(a).attack() + " eps=" + p.get(k).epsilon();
                assertArrayEquals(p.get(k).correct(), q.get(k).correct(), where);
                assertEquals(p.get(k).meanL2(), q.get(k).meanL2(), 0, where);
                assertEquals(p.get(k).meanLinf(), q.get(k).meanLinf(), 0, where);
                someFooled |= p.get(k).accuracy() < 1;
            }
        }
        assertTrue(someFooled, "the budgets fool some examples, so the comparison is not trivial");
    }

    @Test
    void concatenationRejectsGapsAndOverlaps() {
        PointExamples a = new PointExamples(0, new boolean[2], new boolean[2], new double[2], new double[2]);
        PointExamples b = new PointExamples(3, new boolean[1], new boolean[1], new double[1], new double[1]);
        PointExamples c = new PointExamples(1, new boolean[3], new boolean[3], new double[3], new double[3]);
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> PointExamples.concat(List.of(a, b), 4));
        assertTrue(gap.getMessage().contains("missing at index 2"), gap.getMessage());
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> PointExamples.concat(List.of(a, c), 4));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        assertEquals(4, PointExamples.concat(List.of(b, new PointExamples(0, new boolean[3], new boolean[3],
                new double[3], new double[3])), 4).size());
    }

    private static CurveResult curve(LinearClassifier model, LabelledDataset data, CurveSpec spec) {
        return new RobustnessCurve(model, data, spec, p -> { }).run(ProgressListener.NONE, CancellationToken.create());
    }
}
