package org.advlens.defence;

import java.util.Arrays;

/**
 * A detector's threshold chosen on clean images: an input is flagged as adversarial when its score is strictly
 * above {@link #value()}. The threshold is the smallest clean score that leaves at most
 * {@code floor(fpr * n)} clean scores above it, as Xu, Evans and Qi (NDSS 2018) and Meng and Chen (CCS 2017)
 * choose theirs, so the false-positive rate on the clean images is at most the one asked for (less when scores
 * tie or {@code fpr * n} is not a whole number).
 *
 * @param value flag scores strictly above this
 * @param requestedFalsePositiveRate the rate asked for, in (0, 1)
 * @param falsePositiveRate the rate realised on the clean scores it was chosen on
 * @param cleanCount how many clean scores it was chosen on
 */
public record DetectionThreshold(double value, double requestedFalsePositiveRate, double falsePositiveRate,
                                 int cleanCount) {

    /** The default false-positive rate on clean images: 5 %. */
    public static final double DEFAULT_FPR = 0.05;

    public DetectionThreshold {
        checkRate(requestedFalsePositiveRate);
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        if (!(falsePositiveRate >= 0 && falsePositiveRate <= 1) || cleanCount < 1) {
            throw new IllegalArgumentException("realised false-positive rate must be in [0, 1] and the clean count "
                    + "positive, got " + falsePositiveRate + " and " + cleanCount);
        }
    }

    /**
     * @param cleanScores detector scores of clean images (higher means more suspicious), none NaN
     * @param fpr the false-positive rate to allow, in (0, 1)
     */
    public static DetectionThreshold atFalsePositiveRate(double[] cleanScores, double fpr) {
        checkRate(fpr);
        if (cleanScores == null || cleanScores.length == 0) {
            throw new IllegalArgumentException("at least one clean score is needed to choose a threshold");
        }
        double[] s = cleanScores.clone();
        Arrays.sort(s);
        if (Double.isNaN(s[s.length - 1])) {
            throw new IllegalArgumentException("clean scores must not be NaN");
        }
        int allowed = (int) Math.floor(fpr * s.length + 1e-9);
        double t = s[s.length - 1 - allowed];
        return new DetectionThreshold(t, fpr, flaggedFraction(cleanScores, t), s.length);
    }

    private static void checkRate(double fpr) {
        if (!(fpr > 0 && fpr < 1)) {
            throw new IllegalArgumentException("false-positive rate must be in (0, 1), got " + fpr);
        }
    }

    /** Whether a score is flagged. */
    public boolean flags(double score) {
        return score > value;
    }

    /** The fraction of {@code scores} flagged; 0 for none. */
    public double detectionRate(double[] scores) {
        return flaggedFraction(scores, value);
    }

    private static double flaggedFraction(double[] scores, double t) {
        if (scores.length == 0) {
            return 0;
        }
        int c = 0;
        for (double v : scores) {
            c += v > t ? 1 : 0;
        }
        return (double) c / scores.length;
    }
}
