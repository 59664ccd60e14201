package org.advlens.eval.ood;

/**
 * The in- and out-of-distribution scores counted in the same bins, to draw the two histograms over each other.
 *
 * @param edges bin edges, {@code bins + 1} increasing values from the smallest to the largest score
 * @param inCounts in-distribution scores per bin {@code [edges[k], edges[k+1])} (the last bin includes its upper
 *                 edge)
 * @param outCounts out-of-distribution scores per bin
 */
public record ScoreHistogram(double[] edges, int[] inCounts, int[] outCounts) {

    public ScoreHistogram {
        if (edges == null || inCounts == null || outCounts == null || inCounts.length < 1
                || edges.length != inCounts.length + 1 || outCounts.length != inCounts.length) {
            throw new IllegalArgumentException("a histogram needs at least one bin, one more edge than bins, and"
                    + " as many out- as in-distribution counts");
        }
        edges = edges.clone();
        inCounts = inCounts.clone();
        outCounts = outCounts.clone();
    }

    /** Both score sets in {@code bins} equal-width bins spanning all the scores. */
    public static ScoreHistogram of(double[] in, double[] out, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] set : new double[][] {in, out}) {
            for (double s : set) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
        }
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("no scores to count");
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            edges[k] = lo + (hi - lo) * k / bins;
        }
        edges[bins] = hi;
        return new ScoreHistogram(edges, count(in, lo, hi, bins), count(out, lo, hi, bins));
    }

    private static int[] count(double[] scores, double lo, double hi, int bins) {
        int[] counts = new int[bins];
        for (double s : scores) {
            counts[Math.min(bins - 1, (int) Math.floor((s - lo) / (hi - lo) * bins))]++;
        }
        return counts;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public int[] inCounts() {
        return inCounts.clone();
    }

    @Override
    public int[] outCounts() {
        return outCounts.clone();
    }
}
