package org.advlens.saliency.similarity;

import java.util.Arrays;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Spearman's rank correlation (Spearman, 1904): the Pearson correlation of the values' ranks, tied values
 * sharing the average of their ranks. As used by Adebayo et al. (2018) to compare a saliency map with the map of
 * a randomised model: on the absolute values and on the signed values.
 *
 * <p>Where either input is constant its ranks carry no order: the result is 1 if both inputs are identical and
 * 0 otherwise, never NaN.
 */
public final class SpearmanRankCorrelation {

    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE);

    private SpearmanRankCorrelation() {
    }

    /** Rank correlation of {@code a} and {@code b}, in [-1, 1]. */
    public static double of(float[] a, float[] b) {
        checkLengths(a, b);
        return pearsonOrZero(ranks(a), ranks(b), Arrays.equals(a, b));
    }

    /** Rank correlation of {@code |a|} and {@code |b|}. */
    public static double ofAbsolute(float[] a, float[] b) {
        checkLengths(a, b);
        float[] aa = abs(a);
        float[] bb = abs(b);
        return pearsonOrZero(ranks(aa), ranks(bb), Arrays.equals(aa, bb));
    }

    /** Ranks 1..n of the values, ties sharing their average rank (Commons Math's natural ranking). */
    public static double[] ranks(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return RANKING.rank(d);
    }

    /** Pearson's correlation; {@code identical ? 1 : 0} when either vector has zero variance. */
    static double pearsonOrZero(double[] x, double[] y, boolean identical) {
        int n = x.length;
        if (n == 0) {
            return identical ? 1 : 0;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return identical ? 1 : 0;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    static void checkLengths(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            throw new IllegalArgumentException("maps must have the same length, got "
                    + (a == null ? "null" : a.length) + " and " + (b == null ? "null" : b.length));
        }
    }

    private static float[] abs(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }
}
