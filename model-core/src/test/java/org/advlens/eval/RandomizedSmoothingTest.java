package org.advlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Randomized smoothing on an analytic linear classifier, whose smoothed behaviour is known in closed form: for
 * two classes separated by the hyperplane {@code w . x + b = 0}, the top class's probability under
 * {@code N(0, sigma^2 I)} is {@code Phi(|w . x + b| / (sigma |w|))}, so the exact certified radius is the point's
 * distance to the hyperplane. And the statistics against exact values.
 */
class RandomizedSmoothingTest {

    /** Two classes on 2x2 images: logit difference {@code z1 - z0 = 2 (x_0 - 0.5) + 1 (x_1 - 0.5)}. */
    private static LinearClassifier model() {
        return new LinearClassifier(new InputSpec(1, 2, 2, org.advlens.model.ChannelOrder.NCHW, 0, 1, null, null),
                new float[][] {{0, 0, 0, 0}, {2, 1, 0, 0}}, new float[] {0, -1.5f});
    }

    private static Images point(float x0, float x1) {
        return new Images(new float[] {x0, x1, 0.5f, 0.5f}, 1, 1, 2, 2);
    }

    @Test
    void theCertifiedRadiusApproachesTheDistanceToTheBoundaryFromBelow() {
        // given a point of class 1 at distance 0.4 / sqrt(5) = 0.179 from the boundary
        LinearClassifier model = model();
        Images x = point(0.7f, 0.5f);
        double distance = 0.4 / Math.sqrt(5);
        RandomizedSmoothing smoothing = new RandomizedSmoothing(model,
                new RandomizedSmoothing.Options(0.25, 100, 100_000, 0.001, 10_000));
        // when it is certified
        RandomizedSmoothing.Certificate c = smoothing.certify(x, 7, CancellationToken.create());
        // then the prediction is class 1 and the radius a lower bound close to the exact one
        double exactPa = Distributions.normalCdf(distance / 0.25);
        assertEquals(1, c.prediction());
        assertTrue(c.pALower() < exactPa && c.pALower() > exactPa - 0.01, c.pALower() + " vs " + exactPa);
        assertTrue(c.radius() < distance && c.radius() > distance - 0.02, c.radius() + " vs " + distance);
        assertEquals(c, smoothing.certify(x, 7, CancellationToken.create()), "the same seed gives the same result");
    }

    @Test
    void aPointOnTheBoundaryAbstains() {
        RandomizedSmoothing smoothing = new RandomizedSmoothing(model(),
                new RandomizedSmoothing.Options(0.25, 100, 10_000, 0.001, 5_000));
        Images x = point(0.5f, 0.5f);
        assertTrue(smoothing.certify(x, 3, CancellationToken.create()).abstained());
        assertEquals(RandomizedSmoothing.ABSTAIN, smoothing.predict(x, 3, CancellationToken.create()));
        assertEquals(1, smoothing.predict(point(0.9f, 0.9f), 3, CancellationToken.create()));
    }

    @Test
    void statisticsMatchExactValues() {
        assertEquals(1.959963984540054, Distributions.normalQuantile(0.975), 1e-10);
        assertEquals(3.090232306167813, Distributions.normalQuantile(0.999), 1e-9);
        assertEquals(-4.753424308822899, Distributions.normalQuantile(1e-6), 1e-8);
        assertEquals(0.6875, Distributions.regularizedBeta(0.5, 2, 3), 1e-12);
        // exact binomial sums (Python's math.comb): two-sided test of 60 of 100, Clopper-Pearson bounds
        assertEquals(0.05688793364098079, Distributions.binomialTestHalf(60, 100), 1e-10);
        assertEquals(0.39337578389458655, Distributions.clopperPearsonLower(7, 10, 0.05), 1e-9);
        assertEquals(Math.pow(0.001, 1.0 / 100), Distributions.clopperPearsonLower(100, 100, 0.001), 1e-10);
        assertEquals(0, Distributions.clopperPearsonLower(0, 100, 0.001));
    }

    /**
     * The one-sided Clopper-Pearson bound CERTIFY uses, against scipy 1.10's beta quantile (the bound statsmodels'
     * {@code proportion_confint(k, n, alpha=2 * alpha, method="beta")[0]} gives in the reference
     * {@code code/core.py}), at the sample sizes of certification. Each value is printed by
     * {@code python3 -c "from scipy.stats import beta; print(repr(float(beta.ppf(alpha, k, n - k + 1))))"}
     * with k, n and alpha substituted.
     */
    @ParameterizedTest
    @CsvSource({
            "10000, 10000, 0.001, 0.9993094630025899",
            "9990, 10000, 0.001, 0.9975883080325683",
            "9900, 10000, 0.001, 0.9865311593238062",
            "9000, 10000, 0.001, 0.8904097336749064",
            "5200, 10000, 0.001, 0.5045018488791799",
            "5000, 10000, 0.001, 0.4845029461135781",
            "60, 100, 0.001, 0.4409842652212994",
            "7, 10, 0.05, 0.39337578389458766",
            "99990, 100000, 0.001, 0.9997586773435911",
            "60000, 100000, 0.001, 0.5952010472945846"})
    void clopperPearsonLowerMatchesScipy(long k, long n, double alpha, double scipy) {
        assertEquals(scipy, Distributions.clopperPearsonLower(k, n, alpha), 1e-12);
    }

    @Test
    void badOptionsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomizedSmoothing.Options(0, 100, 1000, 0.001, 100));
        assertEquals("sigma must be in (0, 10], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new RandomizedSmoothing.Options(0.25, 100, 1000, 1.5, 100));
        assertEquals("alpha must be in (0, 1), got 1.5", e.getMessage());
        RandomizedSmoothing s = new RandomizedSmoothing(model(), RandomizedSmoothing.Options.paper(0.25));
        e = assertThrows(IllegalArgumentException.class, () -> s.certify(new Images(new float[8], 2, 1, 2, 2), 1,
                CancellationToken.create()));
        assertEquals("certify one image at a time, got 2", e.getMessage());
    }
}
