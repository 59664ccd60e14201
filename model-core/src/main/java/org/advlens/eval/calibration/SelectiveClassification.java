package org.advlens.eval.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Selective classification (Geifman and El-Yaniv, "Selective Classification for Deep Neural Networks", NeurIPS
 * 2017): the classifier answers only when its confidence reaches a threshold. Each threshold gives a coverage (the
 * fraction answered) and a selective risk (the error rate among the answers); the risk-coverage curve runs through
 * every distinct confidence, highest first.
 *
 * <p>AURC is the area under that curve as a step function of coverage: the mean over {@code k = 1..n} of the risk
 * at the threshold that first admits the {@code k}-th most confident example (equal confidences are admitted
 * together). E-AURC subtracts the AURC of an oracle ranking every right answer first (Geifman, Uziel and El-Yaniv,
 * "Bias-Reduced Uncertainty Estimation for Deep Neural Classifiers", ICLR 2019).
 *
 * @param curve the risk-coverage points, coverage increasing to 1
 * @param aurc the area under the risk-coverage curve
 * @param eAurc AURC minus the oracle's AURC
 * @param targetRisk the risk {@link #coverageAtRisk()} is read at
 * @param coverageAtRisk the largest coverage whose selective risk is at most {@code targetRisk} (0 if none)
 * @param thresholdAtRisk the confidence threshold giving it (+Infinity if none)
 */
public record SelectiveClassification(List<Point> curve, double aurc, double eAurc, double targetRisk,
                                      double coverageAtRisk, double thresholdAtRisk) {

    /** One point: answering when confidence is at least {@code threshold} covers {@code coverage} at {@code risk}. */
    public record Point(double coverage, double risk, double threshold) {
    }

    public SelectiveClassification {
        curve = List.copyOf(curve);
    }

    /**
     * The risk-coverage curve of predictions with these confidences and correctness.
     *
     * @param targetRisk in [0, 1]
     */
    public static SelectiveClassification of(double[] confidence, boolean[] correct, double targetRisk) {
        if (!(targetRisk >= 0 && targetRisk <= 1)) {
            throw new IllegalArgumentException("target risk must be in [0, 1], got " + targetRisk);
        }
        if (confidence == null || correct == null || confidence.length != correct.length || confidence.length == 0) {
            throw new IllegalArgumentException("need one correctness flag per confidence and at least one of each");
        }
        int n = confidence.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(confidence[i])) {
                throw new IllegalArgumentException("confidences must be finite, got " + confidence[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
        List<Point> curve = new ArrayList<>();
        double area = 0;
        int errors = 0;
        double bestCoverage = 0;
        double bestThreshold = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && confidence[order[j]] == confidence[order[i]]) {
                errors += correct[order[j]] ? 0 : 1;
                j++;
            }
            double risk = (double) errors / j;
            double coverage = (double) j / n;
            curve.add(new Point(coverage, risk, confidence[order[i]]));
            area += risk * (j - i);
            if (risk <= targetRisk + 1e-12) {
                bestCoverage = coverage;
                bestThreshold = confidence[order[i]];
            }
            i = j;
        }
        double aurc = area / n;
        return new SelectiveClassification(curve, aurc, aurc - oracleAurc(n, errors), targetRisk, bestCoverage,
                bestThreshold);
    }

    /** The AURC of a ranking that puts all {@code n - errors} right answers first. */
    static double oracleAurc(int n, int errors) {
        int right = n - errors;
        double sum = 0;
        for (int k = right + 1; k <= n; k++) {
            sum += (double) (k - right) / k;
        }
        return sum / n;
    }
}
