package org.advlens.eval.ood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well a score separates in-distribution from out-of-distribution inputs, where a higher score means "more
 * in-distribution" and in-distribution is the positive class (the convention of Hendrycks and Gimpel, "A Baseline
 * for Detecting Misclassified and Out-of-Distribution Examples in Neural Networks", ICLR 2017).
 *
 * <ul>
 *   <li>AUROC: the Mann-Whitney statistic, the probability that a random in-distribution score exceeds a random
 *       out-of-distribution one, ties counting one half (equal to the area under the ROC curve drawn through
 *       every distinct threshold).</li>
 *   <li>AUPR-in and AUPR-out: average precision (the step sum of scikit-learn's {@code average_precision_score})
 *       with in-distribution positive, and with out-of-distribution positive on the negated scores.</li>
 *   <li>FPR at 95% TPR: the fraction of out-of-distribution inputs accepted at the highest threshold that accepts at
 *       least 95% of in-distribution inputs (the first point of scikit-learn's {@code roc_curve} with TPR at least
 *       0.95).</li>
 * </ul>
 *
 * @param auroc area under the ROC curve
 * @param auprIn average precision with in-distribution positive
 * @param auprOut average precision with out-of-distribution positive
 * @param fprAt95Tpr false-positive rate at 95% true-positive rate
 * @param roc the ROC curve through every distinct threshold, from (0, 0) to (1, 1)
 * @param inCount in-distribution scores
 * @param outCount out-of-distribution scores
 */
public record DetectionMetrics(double auroc, double auprIn, double auprOut, double fprAt95Tpr, List<RocPoint> roc,
                               int inCount, int outCount) {

    /** The true-positive rate at which {@link #fprAt95Tpr()} is read. */
    public static final double TPR_LEVEL = 0.95;

    /**
     * One point of the ROC curve: the rates of in-distribution (TPR) and out-of-distribution (FPR) inputs whose score
     * is at least {@code threshold} ({@code +Infinity} for the first point).
     */
    public record RocPoint(double fpr, double tpr, double threshold) {
    }

    public DetectionMetrics {
        roc = List.copyOf(roc);
        if (inCount < 1 || outCount < 1) {
            throw new IllegalArgumentException("need at least one score on each side, got " + inCount + " and "
                    + outCount);
        }
    }

    /**
     * The metrics of scores {@code in} (in-distribution) against {@code out} (out-of-distribution).
     *
     * @throws IllegalArgumentException if either array is empty or holds a NaN or infinite score
     */
    public static DetectionMetrics of(double[] in, double[] out) {
        check(in, "in-distribution");
        check(out, "out-of-distribution");
        List<RocPoint> roc = rocCurve(in, out);
        return new DetectionMetrics(auroc(in, out), averagePrecision(in, out), averagePrecision(negate(out),
                negate(in)), fprAt(roc, TPR_LEVEL), roc, in.length, out.length);
    }

    /** The ROC curve with its collinear intermediate points dropped (the corners only), for drawing and files. */
    public List<RocPoint> rocCorners() {
        List<RocPoint> kept = new ArrayList<>();
        for (int i = 0; i < roc.size(); i++) {
            if (i == 0 || i == roc.size() - 1) {
                kept.add(roc.get(i));
                continue;
            }
            RocPoint a = roc.get(i - 1);
            RocPoint b = roc.get(i);
            RocPoint c = roc.get(i + 1);
            double cross = (b.fpr() - a.fpr()) * (c.tpr() - a.tpr()) - (b.tpr() - a.tpr()) * (c.fpr() - a.fpr());
            if (Math.abs(cross) > 1e-15) {
                kept.add(b);
            }
        }
        return kept;
    }

    /** Mann-Whitney U of {@code in} over {@code out}, divided by the number of pairs; ties get mid-ranks. */
    static double auroc(double[] in, double[] out) {
        int n = in.length + out.length;
        double[] all = new double[n];
        System.arraycopy(in, 0, all, 0, in.length);
        System.arraycopy(out, 0, all, in.length, out.length);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        double rankSumIn = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (order[k] < in.length) {
                    rankSumIn += midRank;
                }
            }
            i = j + 1;
        }
        double u = rankSumIn - (double) in.length * (in.length + 1) / 2;
        return u / ((double) in.length * out.length);
    }

    /** Average precision of {@code positive} over {@code negative}: sum over thresholds of delta-recall times precision. */
    static double averagePrecision(double[] positive, double[] negative) {
        double ap = 0;
        double lastRecall = 0;
        for (RocPoint p : rocCurve(positive, negative)) {
            double tp = p.tpr() * positive.length;
            double fp = p.fpr() * negative.length;
            if (tp + fp == 0) {
                continue;
            }
            ap += (p.tpr() - lastRecall) * tp / (tp + fp);
            lastRecall = p.tpr();
        }
        return ap;
    }

    /** The ROC curve through every distinct threshold, highest first. */
    static List<RocPoint> rocCurve(double[] in, double[] out) {
        double[] a = in.clone();
        double[] b = out.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
        int i = a.length - 1;
        int j = b.length - 1;
        while (i >= 0 || j >= 0) {
            double t = Math.max(i >= 0 ? a[i] : Double.NEGATIVE_INFINITY, j >= 0 ? b[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && a[i] == t) {
                i--;
            }
            while (j >= 0 && b[j] == t) {
                j--;
            }
            points.add(new RocPoint((double) (b.length - 1 - j) / b.length, (double) (a.length - 1 - i) / a.length,
                    t));
        }
        return points;
    }

    private static double fprAt(List<RocPoint> roc, double tpr) {
        for (RocPoint p : roc) {
            if (p.tpr() >= tpr - 1e-12) {
                return p.fpr();
            }
        }
        return 1;
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static void check(double[] scores, String what) {
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException("no " + what + " scores");
        }
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException(what + " scores must be finite, got " + s);
            }
        }
    }
}
