package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Mixup's targets and images are the same convex combinations; noise and Beta draws have the right moments. */
class AugmentationsTest {

    @Test
    void mixupTargetsAreTheConvexCombinationsOfTheMixedImages() {
        // given 8 images of distinct constant values and their labels
        int n = 8;
        float[] v = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(v, i * 4, (i + 1) * 4, i);
            labels[i] = i % 3;
        }
        INDArray x = Nd4j.create(v, new long[] {n, 1, 2, 2}, 'c');
        // when they are mixed with seed 11 (which draws lambda, then the partner permutation)
        DataSet d = Augmentations.mixup(x, labels, 3, 0.4, 11);
        SplittableRandom r = new SplittableRandom(11);
        float lambda = (float) Augmentations.beta(0.4, r);
        int[] partner = Augmentations.permutation(n, r);
        float[][] t = org.advlens.model.Logits.rows(d.getLabels());
        float[] mixed = d.getFeatures().dup('c').data().asFloat();
        // then image i is lambda x_i + (1 - lambda) x_j and its target lambda e_{y_i} + (1 - lambda) e_{y_j}
        assertTrue(lambda > 0 && lambda < 1, "lambda " + lambda);
        for (int i = 0; i < n; i++) {
            int j = partner[i];
            for (int p = 0; p < 4; p++) {
                assertEquals(lambda * i + (1 - lambda) * j, mixed[i * 4 + p], 1e-6f);
            }
            float[] expected = new float[3];
            expected[labels[i]] += lambda;
            expected[labels[j]] += 1 - lambda;
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, t[i], 1e-6f, "target of example " + i);
        }
    }

    @Test
    void betaSamplesHaveTheRightMoments() {
        SplittableRandom r = new SplittableRandom(5);
        double alpha = 0.4;
        int count = 40_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < count; i++) {
            double b = Augmentations.beta(alpha, r);
            assertTrue(b >= 0 && b <= 1);
            sum += b;
            sq += b * b;
        }
        double mean = sum / count;
        double variance = sq / count - mean * mean;
        assertEquals(0.5, mean, 0.01);
        assertEquals(1 / (4 * (2 * alpha + 1)), variance, 0.01, "Beta(a, a) has variance 1 / (4 (2a + 1))");
    }

    @Test
    void noiseHasTheAskedStandardDeviationAndRepeatsForASeed() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 50, 1, 10, 10).addi(0.5);
        DataSet a = Augmentations.noise(x, new int[50], 10, 0.25, 3);
        DataSet b = Augmentations.noise(x, new int[50], 10, 0.25, 3);
        INDArray delta = a.getFeatures().sub(x);
        assertEquals(0.0, delta.meanNumber().doubleValue(), 0.01);
        assertEquals(0.25, delta.stdNumber().doubleValue(), 0.01);
        assertTrue(a.getFeatures().equals(b.getFeatures()));
    }

    @Test
    void methodsRejectImpossibleSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.mixup(0));
        assertEquals("mixup alpha must be in (0, 100], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingMethod.noise(-1));
        assertEquals("noise sigma must be in (0, 10], got -1.0", e.getMessage());
    }
}
