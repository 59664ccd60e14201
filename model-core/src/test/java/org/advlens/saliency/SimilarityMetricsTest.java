package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.advlens.saliency.similarity.HogSimilarity;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.advlens.saliency.similarity.SpearmanRankCorrelation;
import org.advlens.saliency.similarity.StructuralSimilarity;
import org.junit.jupiter.api.Test;

/** The map similarity metrics on inputs whose answers are worked out by hand. */
class SimilarityMetricsTest {

    @Test
    void ranksAverageTies() {
        assertArrayEquals(new double[] {2.5, 1, 2.5, 4}, SpearmanRankCorrelation.ranks(new float[] {3, 1, 3, 7}),
                1e-12);
        assertArrayEquals(new double[] {2, 2, 2}, SpearmanRankCorrelation.ranks(new float[] {5, 5, 5}), 1e-12);
    }

    @Test
    void spearmanOfMonotoneReversedAndTiedInputs() {
        float[] a = {1, 2, 3, 4, 5};
        assertEquals(1, SpearmanRankCorrelation.of(a, new float[] {10, 20, 30, 40, 1000}), 1e-12);
        assertEquals(-1, SpearmanRankCorrelation.of(a, new float[] {5, 4, 3, 2, 1}), 1e-12);
        // x = 1..5, y = (1, 2, 2, 3, 1): ranks (1.5, 3.5, 3.5, 5, 1.5); Pearson of the ranks by hand:
        // deviations x (-2,-1,0,1,2), y (-1.5,0.5,0.5,2,-1.5): sxy = 3-0.5+0+2-3 = 1.5, sxx = 10, syy = 9.
        assertEquals(1.5 / Math.sqrt(10 * 9), SpearmanRankCorrelation.of(a, new float[] {1, 2, 2, 3, 1}), 1e-12);
    }

    @Test
    void absoluteSpearmanIgnoresTheSign() {
        float[] a = {-3, 1, -2, 4};
        float[] b = {3, -1, 2, -4};
        assertEquals(1, SpearmanRankCorrelation.ofAbsolute(a, b), 1e-12);
        assertEquals(-1, SpearmanRankCorrelation.of(a, b), 1e-12);
    }

    @Test
    void constantMapsGiveZeroUnlessIdentical() {
        float[] zero = new float[6];
        assertEquals(1, SpearmanRankCorrelation.of(zero, zero.clone()), 0);
        assertEquals(0, SpearmanRankCorrelation.of(zero, new float[] {1, 2, 3, 4, 5, 6}), 0);
        assertThrows(IllegalArgumentException.class, () -> SpearmanRankCorrelation.of(zero, new float[3]));
    }

    @Test
    void ssimIsOneForIdenticalMapsAndLowerForNoise() {
        float[] m = smoothBlob(12, 12);
        assertEquals(1, StructuralSimilarity.ofAbsoluteNormalised(m, m.clone(), 12, 12), 1e-9);
        // Scaling does not matter: the maps are normalised to [0, 1] first.
        float[] scaled = m.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= -7;
        }
        assertEquals(1, StructuralSimilarity.ofAbsoluteNormalised(m, scaled, 12, 12), 1e-6);
        double noisy = StructuralSimilarity.ofAbsoluteNormalised(m, noise(144, 1), 12, 12);
        assertTrue(noisy < 0.5, "SSIM of a blob and noise: " + noisy);
    }

    @Test
    void ssimOfOneWindowMatchesTheFormula() {
        // A 3x3 map is one window of 3x3 (the largest odd window that fits); uniform weights, sample covariance.
        float[] a = {0, 0.5f, 1, 0, 0.5f, 1, 0, 0.5f, 1};
        float[] b = {1, 1, 1, 0, 0, 0, 0.5f, 0.5f, 0.5f};
        double ma = 0.5;
        double mb = 0.5;
        double va = (3 * 0.25 + 3 * 0.25) / 8;
        double vb = va;
        double cov = 0; // a varies along x, b along y: no covariance
        double c1 = 1e-4;
        double c2 = 9e-4;
        double expected = (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        assertEquals(expected, StructuralSimilarity.of(a, b, 3, 3), 1e-6);
    }

    @Test
    void hogSimilarityIsOneForIdenticalAndHighForShiftedEdges() {
        float[] m = smoothBlob(28, 28);
        assertEquals(1, HogSimilarity.ofAbsoluteNormalised(m, m.clone(), 28, 28), 1e-9);
        assertEquals(6 * 6 * 4 * 9, HogSimilarity.features(m, 28, 28).length);
        double noisy = HogSimilarity.ofAbsoluteNormalised(m, noise(784, 2), 28, 28);
        assertTrue(noisy < 0.5, "HOG similarity of a blob and noise: " + noisy);
        // A vertical edge and a horizontal edge have orthogonal gradient orientations.
        float[] vertical = new float[28 * 28];
        float[] horizontal = new float[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                vertical[y * 28 + x] = x < 14 ? 0 : 1;
                horizontal[y * 28 + x] = y < 14 ? 0 : 1;
            }
        }
        assertTrue(HogSimilarity.ofAbsoluteNormalised(vertical, horizontal, 28, 28) < 0.2);
    }

    @Test
    void metricsCompareMapsOfSeveralChannelsThroughTheirPlanes() {
        float[] v = new float[2 * 3 * 4 * 4];
        Random r = new Random(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        SaliencyMap a = new SaliencyMap("gradient", v, 2, 3, 4, 4, new int[] {0, 1}, true, null);
        for (SimilarityMetric metric : SimilarityMetric.values()) {
            assertEquals(1, metric.compare(a, a, 1), 1e-9, metric.key());
            assertEquals(metric, SimilarityMetric.parse(metric.key()));
        }
        assertThrows(IllegalArgumentException.class, () -> SimilarityMetric.parse("psnr"));
    }

    private static float[] smoothBlob(int h, int w) {
        float[] m = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dy = y - h / 2.5;
                double dx = x - w / 2.0;
                m[y * w + x] = (float) Math.exp(-(dx * dx + dy * dy) / (0.05 * h * w));
            }
        }
        return m;
    }

    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = r.nextFloat();
        }
        return m;
    }
}
