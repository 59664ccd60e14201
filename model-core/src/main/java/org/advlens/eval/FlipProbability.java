package org.advlens.eval;

/**
 * The flip probability of ImageNet-P (Hendrycks and Dietterich 2019, Section 4): over {@code m} sequences of
 * {@code n} frames, the share of frames whose top-1 prediction differs from the previous frame's,
 * {@code FP = 1 / (m (n - 1)) sum_i sum_{j=2..n} 1(f(x_j) != f(x_{j-1}))}; for noise sequences, whose frames are
 * not related in time, each frame is compared with the first (clean) one instead.
 */
public final class FlipProbability {

    private FlipProbability() {
    }

    /**
     * @param predictions {@code [sequence][frame]} top-1 classes, at least two frames each, all sequences equally
     *                    long
     * @param toFirst compare each frame with the first, as for noise, instead of with the previous
     */
    public static double of(int[][] predictions, boolean toFirst) {
        if (predictions == null || predictions.length == 0) {
            throw new IllegalArgumentException("need at least one sequence of predictions");
        }
        int n = predictions[0].length;
        long flips = 0;
        for (int[] seq : predictions) {
            if (seq.length != n || n < 2) {
                throw new IllegalArgumentException("every sequence needs the same number (at least 2) of frames, got "
                        + seq.length + " and " + n);
            }
            flips += flips(seq, toFirst);
        }
        return (double) flips / ((long) predictions.length * (n - 1));
    }

    /** The number of flips in one sequence. */
    public static int flips(int[] sequence, boolean toFirst) {
        int f = 0;
        for (int j = 1; j < sequence.length; j++) {
            f += sequence[j] != sequence[toFirst ? 0 : j - 1] ? 1 : 0;
        }
        return f;
    }
}
