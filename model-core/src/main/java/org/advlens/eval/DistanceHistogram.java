package org.advlens.eval;

/**
 * The distribution of minimal perturbation sizes over the examples an attack fooled.
 *
 * @param edges bin edges, {@code counts.length + 1} values in increasing order
 * @param counts examples per bin {@code [edges[k], edges[k+1])} (the last bin includes its upper edge)
 * @param alreadyWrong examples misclassified (or at the target) without any perturbation
 * @param notFound eligible examples the attack did not fool
 */
public record DistanceHistogram(double[] edges, int[] counts, int alreadyWrong, int notFound) {

    public DistanceHistogram {
        if (edges == null || counts == null || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("a histogram needs one more edge than bins");
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }
}
