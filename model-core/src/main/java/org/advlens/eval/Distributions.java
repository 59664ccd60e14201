package org.advlens.eval;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * The few distribution functions the evaluations need, in double precision: the regularized incomplete beta
 * function and its inverse (Clopper-Pearson bounds, binomial tails) and the standard normal quantile. The special
 * functions are Apache Commons Math's (already on the class path through ND4J), not hand-written.
 */
public final class Distributions {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1,
            NormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);

    private Distributions() {
    }

    /** The regularized incomplete beta function {@code I_x(a, b)}. */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return Beta.regularizedBeta(x, a, b, 1e-15, 100_000);
    }

    /** The {@code q}-quantile of Beta(a, b), by bisection on {@link #regularizedBeta} to 1e-15. */
    public static double betaQuantile(double q, double a, double b) {
        if (!(q >= 0 && q <= 1) || !(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("need q in [0, 1] and a, b > 0, got " + q + ", " + a + ", " + b);
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = (lo + hi) / 2;
            if (regularizedBeta(mid, a, b) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * The one-sided Clopper-Pearson lower confidence bound at level {@code 1 - alpha} on a binomial proportion with
     * {@code successes} of {@code trials}: the {@code alpha}-quantile of Beta(k, n - k + 1), 0 when k = 0.
     */
    public static double clopperPearsonLower(long successes, long trials, double alpha) {
        if (trials < 1 || successes < 0 || successes > trials || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, trials >= 1 and alpha in (0, 1), got "
                    + successes + ", " + trials + ", " + alpha);
        }
        return successes == 0 ? 0 : betaQuantile(alpha, successes, trials - successes + 1);
    }

    /** {@code P(X >= k)} for {@code X ~ Binomial(n, p)}: {@code I_p(k, n - k + 1)}. */
    public static double binomialUpperTail(long k, long n, double p) {
        if (k <= 0) {
            return 1;
        }
        if (k > n) {
            return 0;
        }
        return regularizedBeta(p, k, n - k + 1);
    }

    /** The two-sided p-value of the binomial test of {@code k} successes in {@code n} trials against p = 1/2. */
    public static double binomialTestHalf(long k, long n) {
        if (n == 0) {
            return 1;
        }
        long extreme = Math.max(k, n - k);
        return Math.min(1, 2 * binomialUpperTail(extreme, n, 0.5));
    }

    /** The standard normal quantile {@code Phi^-1(p)}, from the inverse error function. */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** {@code Phi(x)}, via the complementary error function. */
    public static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }
}
