package org.advlens.eval.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Mahalanobis score on two-dimensional toys against the closed form. */
class MahalanobisDetectorTest {

    private static final float[][] FEATURES = {{0, 0}, {2, 1}, {1, 3}, {5, 5}, {8, 6}, {6, 8}, {7, 5}};
    private static final int[] LABELS = {0, 0, 0, 1, 1, 1, 1};

    @Test
    void squaredDistanceIsTheClosedFormWithTheTiedCovariance() {
        // given class means and the pooled covariance worked out directly
        double[][] mu = {{1, 4 / 3.0}, {6.5, 6}};
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < FEATURES.length; i++) {
            double dx = FEATURES[i][0] - mu[LABELS[i]][0];
            double dy = FEATURES[i][1] - mu[LABELS[i]][1];
            sxx += dx * dx / FEATURES.length;
            syy += dy * dy / FEATURES.length;
            sxy += dx * dy / FEATURES.length;
        }
        double det = sxx * syy - sxy * sxy;
        MahalanobisDetector d = MahalanobisDetector.fit(FEATURES, LABELS, 2, 0);
        assertEquals(mu[0][1], d.mean(0)[1], 1e-12);
        assertEquals(mu[1][0], d.mean(1)[0], 1e-12);
        // when the distance of f = (3, 2) is measured, then it is (f - mu)^T Sigma^-1 (f - mu) with the 2x2 inverse
        float[] f = {3, 2};
        for (int c = 0; c < 2; c++) {
            double dx = f[0] - mu[c][0];
            double dy = f[1] - mu[c][1];
            double expected = (syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy) / det;
            assertEquals(expected, d.squaredDistance(f, c), 1e-9);
        }
        assertEquals(-Math.min(d.squaredDistance(f, 0), d.squaredDistance(f, 1)), d.score(f), 1e-12);
    }

    @Test
    void fittedOnGaussianSamplesItApproachesTheTrueDistance() {
        // given two classes N(mu_c, Sigma) with Sigma = [[2, 0.6], [0.6, 1]] (Cholesky [[a, 0], [b, c]])
        double a = Math.sqrt(2);
        double b = 0.6 / a;
        double c = Math.sqrt(1 - b * b);
        double[][] mu = {{0, 0}, {4, -2}};
        SplittableRandom r = new SplittableRandom(11);
        int n = 20_000;
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double u = r.nextGaussian();
            double v = r.nextGaussian();
            x[i] = new float[] {(float) (mu[y[i]][0] + a * u), (float) (mu[y[i]][1] + b * u + c * v)};
        }
        MahalanobisDetector d = MahalanobisDetector.fit(x, y, 2, MahalanobisDetector.DEFAULT_RIDGE);
        // then the score of a point is close to the closed form with the true parameters
        float[] f = {1, 1};
        double det = 2 * 1 - 0.36;
        double best = Double.POSITIVE_INFINITY;
        for (double[] m : mu) {
            double dx = f[0] - m[0];
            double dy = f[1] - m[1];
            best = Math.min(best, (1 * dx * dx - 2 * 0.6 * dx * dy + 2 * dy * dy) / det);
        }
        assertEquals(-best, d.score(f), 0.05 * best);
    }

    @Test
    void singularCovarianceNeedsTheRidge() {
        // a feature that never varies: singular without a ridge, invertible with one
        float[][] x = {{0, 1}, {1, 1}, {3, 1}, {4, 1}};
        int[] y = {0, 0, 1, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MahalanobisDetector.fit(x, y, 2, 0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        MahalanobisDetector d = MahalanobisDetector.fit(x, y, 2, 1e-6);
        assertTrue(d.lambda() > 0);
        assertTrue(Double.isFinite(d.score(new float[] {2, 1})));
    }

    @Test
    void badFittingDataIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MahalanobisDetector.fit(FEATURES, LABELS, 3, 0));
        assertTrue(e.getMessage().contains("class 2 has no fitting images"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MahalanobisDetector.fit(FEATURES, new int[] {0}, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> MahalanobisDetector.fit(FEATURES, LABELS, 2, -1));
        MahalanobisDetector d = MahalanobisDetector.fit(FEATURES, LABELS, 2, 0);
        assertThrows(IllegalArgumentException.class, () -> d.score(new float[] {1, 2, 3}));
    }
}
