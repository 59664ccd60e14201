package org.advlens.eval.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well a classifier's confidence (its maximum softmax probability) matches its accuracy, at one softmax
 * temperature, after Guo, Pleiss, Sun and Weinberger, "On Calibration of Modern Neural Networks", ICML 2017:
 *
 * <ul>
 *   <li>ECE with equal-width bins: {@code sum_m |B_m| / n * |acc(B_m) - conf(B_m)|} over {@code M} bins
 *       {@code ((m-1)/M, m/M]} of the confidence (Naeini, Cooper and Hauskrecht, "Obtaining Well Calibrated
 *       Probabilities Using Bayesian Binning", AAAI 2015).</li>
 *   <li>ECE with equal-mass bins: the same sum over {@code M} bins holding {@code floor((m+1)n/M) - floor(mn/M)}
 *       predictions each, in order of confidence.</li>
 *   <li>MCE: the largest {@code |acc(B_m) - conf(B_m)|} over the non-empty equal-width bins.</li>
 *   <li>NLL: the mean of {@code -log p_y}; Brier score: the mean of {@code sum_k (p_k - 1[k = y])^2}, summed over
 *       the classes (between 0 and 2).</li>
 * </ul>
 *
 * @param temperature the softmax temperature the probabilities were taken at
 * @param count predictions
 * @param accuracy the fraction predicted right
 * @param ece expected calibration error, equal-width bins
 * @param eceEqualMass expected calibration error, equal-mass bins
 * @param mce maximum calibration error, equal-width bins
 * @param nll mean negative log-likelihood
 * @param brier mean multi-class Brier score
 * @param bins the equal-width reliability diagram
 * @param equalMassBins the equal-mass reliability diagram
 */
public record CalibrationReport(double temperature, int count, double accuracy, double ece, double eceEqualMass,
                                double mce, double nll, double brier, List<ReliabilityBin> bins,
                                List<ReliabilityBin> equalMassBins) {

    public CalibrationReport {
        bins = List.copyOf(bins);
        equalMassBins = List.copyOf(equalMassBins);
    }

    /** The measures of {@code predictions} at {@code temperature} with {@code bins} bins. */
    public static CalibrationReport of(Predictions predictions, double temperature, int bins) {
        checkTemperature(temperature);
        checkBins(bins);
        int n = predictions.size();
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        double nll = 0;
        double brier = 0;
        int right = 0;
        for (int i = 0; i < n; i++) {
            double[] p = predictions.probabilities(i, temperature);
            int top = predictions.predicted(i);
            confidence[i] = p[top];
            correct[i] = top == predictions.label(i);
            right += correct[i] ? 1 : 0;
            nll += predictions.negativeLogLikelihood(i, temperature);
            for (int k = 0; k < p.length; k++) {
                double d = p[k] - (k == predictions.label(i) ? 1 : 0);
                brier += d * d;
            }
        }
        List<ReliabilityBin> width = equalWidthBins(confidence, correct, bins);
        List<ReliabilityBin> mass = equalMassBins(confidence, correct, bins);
        double mce = width.stream().mapToDouble(ReliabilityBin::gap).max().orElse(0);
        return new CalibrationReport(temperature, n, (double) right / n, expectedError(width, n),
                expectedError(mass, n), mce, nll / n, brier / n, width, mass);
    }

    /** Bins {@code ((m-1)/M, m/M]} of the confidence, {@code M = bins}; a confidence of 0 falls in the first. */
    public static List<ReliabilityBin> equalWidthBins(double[] confidence, boolean[] correct, int bins) {
        checkPairs(confidence, correct);
        checkBins(bins);
        int[] count = new int[bins];
        double[] conf = new double[bins];
        int[] right = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int m = Math.max(0, Math.min(bins - 1, (int) Math.ceil(confidence[i] * bins) - 1));
            count[m]++;
            conf[m] += confidence[i];
            right[m] += correct[i] ? 1 : 0;
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int m = 0; m < bins; m++) {
            out.add(bin((double) m / bins, (double) (m + 1) / bins, count[m], conf[m], right[m]));
        }
        return out;
    }

    /**
     * {@code bins} bins of (nearly) equal size in order of confidence: bin {@code m} holds the predictions ranked
     * {@code floor(m n / M)} to {@code floor((m+1) n / M) - 1}; empty bins (when {@code n < M}) are left out.
     */
    public static List<ReliabilityBin> equalMassBins(double[] confidence, boolean[] correct, int bins) {
        checkPairs(confidence, correct);
        checkBins(bins);
        int n = confidence.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[a], confidence[b]));
        List<ReliabilityBin> out = new ArrayList<>();
        for (int m = 0; m < bins; m++) {
            int from = (int) ((long) m * n / bins);
            int to = (int) ((long) (m + 1) * n / bins);
            if (from == to) {
                continue;
            }
            double conf = 0;
            int right = 0;
            for (int r = from; r < to; r++) {
                conf += confidence[order[r]];
                right += correct[order[r]] ? 1 : 0;
            }
            double lower = from == 0 ? 0 : confidence[order[from - 1]];
            out.add(bin(lower, confidence[order[to - 1]], to - from, conf, right));
        }
        return out;
    }

    /** {@code sum |B_m| / n * |acc - conf|} over the bins. */
    public static double expectedError(List<ReliabilityBin> bins, int n) {
        double sum = 0;
        for (ReliabilityBin b : bins) {
            sum += (double) b.count() / n * b.gap();
        }
        return sum;
    }

    private static ReliabilityBin bin(double lower, double upper, int count, double confSum, int right) {
        return new ReliabilityBin(lower, upper, count, count == 0 ? Double.NaN : confSum / count,
                count == 0 ? Double.NaN : (double) right / count);
    }

    static void checkTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
    }

    static void checkBins(int bins) {
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("bins must be in [1, 10000], got " + bins);
        }
    }

    private static void checkPairs(double[] confidence, boolean[] correct) {
        if (confidence == null || correct == null || confidence.length != correct.length || confidence.length == 0) {
            throw new IllegalArgumentException("need one correctness flag per confidence and at least one of each");
        }
        for (double c : confidence) {
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidences must be in [0, 1], got " + c);
            }
        }
    }
}
