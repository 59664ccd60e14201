package org.advlens.attack;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Losses on logits shared by the attacks, each with its derivative with respect to the logits as a weight matrix
 * for {@link org.advlens.model.Classifier#logitGradient}. The class being pushed away from is excluded from a
 * maximum by subtracting a large value from its logit, never by multiplying it by zero (which would pick a
 * masked 0 over every negative logit).
 */
public final class LogitLosses {

    /** Subtracted from a logit to exclude it from a maximum. */
    static final double MASK = 1e9;
    private static final double DLR_EPS = 1e-12;

    private LogitLosses() {
    }

    /** Index of the largest logit of {@code z} other than {@code excluded}. */
    public static int largestOther(float[] z, int excluded) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            double v = k == excluded ? z[k] - MASK : z[k];
            if (v > bestValue) {
                bestValue = v;
                best = k;
            }
        }
        return best;
    }

    /**
     * Margin of the goal: untargeted {@code z_y - max_{j != y} z_j} (positive while the label wins), targeted
     * {@code max_{j != t} z_j - z_t} (positive while the target is not reached). The attack succeeds when it is
     * negative.
     */
    public static double[] margin(float[][] z, int[] labels, int[] targets) {
        double[] m = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            if (targets == null) {
                m[i] = z[i][labels[i]] - z[i][largestOther(z[i], labels[i])];
            } else {
                m[i] = z[i][largestOther(z[i], targets[i])] - z[i][targets[i]];
            }
        }
        return m;
    }

    /** Weights of {@code d margin / dz} per example, scaled by {@code scale[i]} (0 drops an example). */
    public static INDArray marginWeights(float[][] z, int[] labels, int[] targets, double[] scale) {
        float[][] w = new float[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            if (scale[i] == 0) {
                continue;
            }
            if (targets == null) {
                w[i][labels[i]] += (float) scale[i];
                w[i][largestOther(z[i], labels[i])] -= (float) scale[i];
            } else {
                w[i][largestOther(z[i], targets[i])] += (float) scale[i];
                w[i][targets[i]] -= (float) scale[i];
            }
        }
        return Nd4j.createFromArray(w);
    }

    /** Indices of the logits sorted in decreasing order. */
    public static int[] descending(float[] z) {
        Integer[] idx = new Integer[z.length];
        for (int k = 0; k < z.length; k++) {
            idx[k] = k;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(z[b], z[a]));
        int[] out = new int[z.length];
        for (int k = 0; k < z.length; k++) {
            out[k] = idx[k];
        }
        return out;
    }

    /**
     * The difference-of-logits-ratio loss to maximise (Croce and Hein 2020), written into {@code loss}, with its
     * derivative with respect to the logits returned as weights. Untargeted:
     * {@code -(z_y - max_{j != y} z_j) / (z_pi1 - z_pi3)}; targeted:
     * {@code -(z_y - z_t) / (z_pi1 - (z_pi3 + z_pi4) / 2)}, where {@code pi} sorts the logits in decreasing order.
     * It needs at least three classes (four for the targeted form); with fewer the denominator falls back to the
     * spread of the logits present.
     */
    public static INDArray dlr(float[][] z, int[] labels, int[] targets, double[] loss) {
        int classes = z[0].length;
        float[][] w = new float[z.length][classes];
        for (int i = 0; i < z.length; i++) {
            int[] pi = descending(z[i]);
            int y = labels[i];
            int p1 = pi[0];
            if (targets == null) {
                int other = largestOther(z[i], y);
                int p3 = pi[Math.min(2, classes - 1)];
                double u = z[i][y] - z[i][other];
                double d = z[i][p1] - z[i][p3] + DLR_EPS;
                loss[i] = -u / d;
                w[i][y] += (float) (-1 / d);
                w[i][other] += (float) (1 / d);
                w[i][p1] += (float) (u / (d * d));
                w[i][p3] -= (float) (u / (d * d));
            } else {
                int t = targets[i];
                int p3 = pi[Math.min(2, classes - 1)];
                int p4 = pi[Math.min(3, classes - 1)];
                double u = z[i][y] - z[i][t];
                double d = z[i][p1] - 0.5 * (z[i][p3] + z[i][p4]) + DLR_EPS;
                loss[i] = -u / d;
                w[i][y] += (float) (-1 / d);
                w[i][t] += (float) (1 / d);
                double s = u / (d * d);
                w[i][p1] += (float) s;
                w[i][p3] -= (float) (0.5 * s);
                w[i][p4] -= (float) (0.5 * s);
            }
        }
        return Nd4j.createFromArray(w);
    }

    /**
     * Cross-entropy to maximise, written into {@code loss}, with its logit derivative: untargeted
     * {@code CE(z, y)} (weights {@code softmax(z) - e_y}); targeted {@code -CE(z, t)} (weights
     * {@code e_t - softmax(z)}).
     */
    public static INDArray crossEntropy(float[][] z, int[] labels, int[] targets, double[] loss) {
        int classes = z[0].length;
        float[][] w = new float[z.length][classes];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : z[i]) {
                sum += Math.exp(v - max);
            }
            int goal = targets == null ? labels[i] : targets[i];
            double sign = targets == null ? 1 : -1;
            loss[i] = sign * (Math.log(sum) + max - z[i][goal]);
            for (int k = 0; k < classes; k++) {
                double p = Math.exp(z[i][k] - max) / sum;
                w[i][k] = (float) (sign * (p - (k == goal ? 1 : 0)));
            }
        }
        return Nd4j.createFromArray(w);
    }

    /** Whether each example meets the goal: prediction differs from the label, or equals the target. */
    public static boolean[] success(float[][] z, int[] labels, int[] targets) {
        boolean[] s = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            int pred = 0;
            for (int k = 1; k < z[i].length; k++) {
                if (z[i][k] > z[i][pred]) {
                    pred = k;
                }
            }
            s[i] = targets == null ? pred != labels[i] : pred == targets[i];
        }
        return s;
    }
}
