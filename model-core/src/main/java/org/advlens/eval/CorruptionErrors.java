package org.advlens.eval;

/**
 * The arithmetic of Hendrycks and Dietterich (2019), Section 4: corruption error
 * {@code CE_c = sum_s E_{s,c} / sum_s E^base_{s,c}}, relative corruption error
 * {@code sum_s (E_{s,c} - E_clean) / sum_s (E^base_{s,c} - E^base_clean)}, and their means over corruptions
 * (mCE, relative mCE). A ratio whose denominator is zero is undefined and given as {@code NaN}; means skip
 * undefined values.
 */
public final class CorruptionErrors {

    private CorruptionErrors() {
    }

    /** {@code sum(errors) / sum(baseline)}; NaN when the baseline sum is zero. */
    public static double corruptionError(double[] errors, double[] baseline) {
        check(errors, baseline);
        double num = 0;
        double den = 0;
        for (int s = 0; s < errors.length; s++) {
            num += errors[s];
            den += baseline[s];
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** {@code sum(errors - clean) / sum(baseline - baselineClean)}; NaN when the denominator is zero. */
    public static double relativeCorruptionError(double[] errors, double clean, double[] baseline,
                                                 double baselineClean) {
        check(errors, baseline);
        double num = 0;
        double den = 0;
        for (int s = 0; s < errors.length; s++) {
            num += errors[s] - clean;
            den += baseline[s] - baselineClean;
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** The mean of the finite values; NaN when there is none. */
    public static double meanOfDefined(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void check(double[] errors, double[] baseline) {
        if (errors == null || baseline == null || errors.length != baseline.length || errors.length == 0) {
            throw new IllegalArgumentException("need one error and one baseline error per severity, got "
                    + (errors == null ? "null" : errors.length) + " and "
                    + (baseline == null ? "null" : baseline.length));
        }
    }
}
