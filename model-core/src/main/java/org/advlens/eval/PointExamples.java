package org.advlens.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.advlens.attack.AttackOutcome;

/**
 * Per-example outcomes of one attack at one epsilon on the contiguous examples {@code [from, from + size)} of a
 * data set: what a curve point is aggregated from. Slices evaluated apart (batches, or partitions on a cluster)
 * are {@link #concat concatenated} back into data-set order.
 *
 * @param from the data-set index of the first example
 * @param correct per example: still classified correctly
 * @param success per example: the attack reached its goal
 * @param l2 per example: L2 norm of the applied perturbation
 * @param linf per example: L-inf norm of the applied perturbation
 */
public record PointExamples(int from, boolean[] correct, boolean[] success, double[] l2, double[] linf) {

    public PointExamples {
        if (from < 0) {
            throw new IllegalArgumentException("from must be >= 0, got " + from);
        }
        if (correct == null || success == null || l2 == null || linf == null) {
            throw new IllegalArgumentException("correct, success, l2 and linf are required");
        }
        int n = correct.length;
        if (success.length != n || l2.length != n || linf.length != n) {
            throw new IllegalArgumentException("per-example arrays differ in length: " + n + ", " + success.length
                    + ", " + l2.length + ", " + linf.length);
        }
        correct = correct.clone();
        success = success.clone();
        l2 = l2.clone();
        linf = linf.clone();
    }

    /** The verified outcome of a batch whose first example has data-set index {@code from}. */
    public static PointExamples of(AttackOutcome outcome, int from) {
        int n = outcome.count();
        boolean[] correct = new boolean[n];
        int[] labels = outcome.labels();
        int[] predictions = outcome.predictions();
        for (int i = 0; i < n; i++) {
            correct[i] = predictions[i] == labels[i];
        }
        return new PointExamples(from, correct, outcome.success(), outcome.l2(), outcome.linf());
    }

    public int size() {
        return correct.length;
    }

    /**
     * The slices joined in data-set order; they must cover {@code [0, total)} exactly once.
     *
     * @throws IllegalArgumentException naming the first gap or overlap
     */
    public static PointExamples concat(List<PointExamples> slices, int total) {
        List<PointExamples> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingInt(PointExamples::from));
        boolean[] correct = new boolean[total];
        boolean[] success = new boolean[total];
        double[] l2 = new double[total];
        double[] linf = new double[total];
        int next = 0;
        for (PointExamples s : sorted) {
            if (s.from() != next) {
                throw new IllegalArgumentException((s.from() < next ? "examples overlap" : "examples are missing")
                        + " at index " + Math.min(next, s.from()) + " of " + total);
            }
            if (s.from() + s.size() > total) {
                throw new IllegalArgumentException("a slice ends at " + (s.from() + s.size()) + ", past " + total);
            }
            System.arraycopy(s.correct, 0, correct, next, s.size());
            System.arraycopy(s.success, 0, success, next, s.size());
            System.arraycopy(s.l2, 0, l2, next, s.size());
            System.arraycopy(s.linf, 0, linf, next, s.size());
            next += s.size();
        }
        if (next != total) {
            throw new IllegalArgumentException("examples are missing from index " + next + " of " + total);
        }
        return new PointExamples(0, correct, success, l2, linf);
    }

    @Override
    public boolean[] correct() {
        return correct.clone();
    }

    @Override
    public boolean[] success() {
        return success.clone();
    }

    @Override
    public double[] l2() {
        return l2.clone();
    }

    @Override
    public double[] linf() {
        return linf.clone();
    }
}
