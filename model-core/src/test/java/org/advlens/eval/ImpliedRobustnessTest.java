package org.advlens.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.advlens.attack.DistanceMeasure;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

class ImpliedRobustnessTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void curveCountsExamplesWhoseMinimalDistanceExceedsEachBudget() {
        double[] d = {0, 0.1, 0.2, 0.2, 0.5, INF};
        ImpliedCurve c = ImpliedRobustness.curve(d, new double[] {0.5, 0.1, 0.2, 1});
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.5, 1}, c.epsilons());
        assertArrayEquals(new double[] {5 / 6.0, 4 / 6.0, 2 / 6.0, 1 / 6.0, 1 / 6.0}, c.accuracy(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ImpliedRobustness.curve(d, new double[] {-1}));
    }

    @Test
    void histogramBinsTheFiniteDistancesAndCountsTheRest() {
        double[] d = {0, 0.1, 0.2, 0.2, 0.4, INF};
        boolean[] eligible = {false, true, true, true, true, true};
        DistanceHistogram h = ImpliedRobustness.histogram(d, eligible, 4);
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.30000000000000004, 0.4}, h.edges(), 1e-12);
        assertArrayEquals(new int[] {0, 1, 2, 1}, h.counts());
        assertEquals(1, h.alreadyWrong());
        assertEquals(1, h.notFound());
        assertArrayEquals(new double[] {0, 0.2, 0.4}, ImpliedRobustness.evenEpsilons(d, 3), 1e-12);
    }

    @Test
    void minimumNormEvaluationImpliesTheCurveOfItsDistances() {
        LinearClassifier model = RobustnessCurveTest.linearModel(0);
        LabelledDataset data = RobustnessCurveTest.dataFor(model, 30);
        MinimumNormResult r = new MinimumNormEvaluation(model, data, new DeepFool(), new DeepFool().defaults(),
                new MinimumNormEvaluation.Options(8, 11, new double[0], 5))
                .run(ProgressListener.NONE, CancellationToken.create());
        assertEquals(30, r.samples().size());
        assertEquals(DistanceMeasure.L2, r.measure());
        assertEquals(1.0, r.cleanAccuracy());
        double[] eps = r.curve().epsilons();
        assertEquals(11, eps.length);
        assertEquals(1.0, r.curve().accuracy()[0]);
        for (int k = 0; k < eps.length; k++) {
            double e = eps[k];
            long robust = r.samples().stream().filter(s -> s.distance() > e).count();
            assertEquals(robust / 30.0, r.curve().accuracy()[k], 1e-12);
        }
        int binned = java.util.Arrays.stream(r.histogram().counts()).sum();
        assertEquals(r.samples().stream().filter(MinimalPerturbation::success).count(), binned);
        List<Integer> indices = r.samples().stream().map(MinimalPerturbation::index).toList();
        assertEquals(java.util.stream.IntStream.range(0, 30).boxed().toList(), indices);
    }
}
