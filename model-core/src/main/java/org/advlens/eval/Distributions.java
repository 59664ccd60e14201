package org.advlens.eval;

/**
 * The few distribution functions the evaluations need, in double precision: the regularized incomplete beta
 * function and its inverse (Clopper-Pearson bounds, binomial tails) and the standard normal quantile.
 */
public final class Distributions {

    private Distributions() {
    }

    /** {@code ln Gamma(x)} for {@code x > 0} (Lanczos approximation, g = 7, 9 terms; about 15 digits). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** The regularized incomplete beta function {@code I_x(a, b)} (continued fraction, modified Lentz). */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return h;
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

    /**
     * The standard normal quantile {@code Phi^-1(p)} (Acklam's rational approximation, then one Halley step on
     * {@code Phi}; about 1e-12 relative).
     */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double e = normalCdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /** {@code Phi(x)}, via the complementary error function. */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** The complementary error function, to about 1e-14 (continued fraction for large |x|, series otherwise). */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 3) {
            // erf by its Taylor series
            double sum = x;
            double term = x;
            double x2 = x * x;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // continued fraction erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
        double f = 0;
        for (int n = 60; n >= 1; n--) {
            f = (n / 2.0) / (x + f);
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
    }
}
