package org.advlens.eval;

import java.util.Arrays;

/**
 * Turns per-example minimal perturbation sizes (from a minimisation attack) into the robust-accuracy-versus-
 * epsilon curve they imply and into a histogram: one minimisation run gives the whole curve (Foolbox 3,
 * Rauber et al. 2020; the "accuracy at epsilon" view of Carlini et al., "On Evaluating Adversarial
 * Robustness", 2019).
 */
public final class ImpliedRobustness {

    private ImpliedRobustness() {
    }

    /**
     * @param distances per example: 0 for a clean error, the minimal distance found, or {@code +Infinity}
     * @param epsilons budgets, each {@code >= 0}; sorted, and 0 added if missing
     */
    public static ImpliedCurve curve(double[] distances, double[] epsilons) {
        if (distances.length == 0) {
            throw new IllegalArgumentException("no distances");
        }
        double[] eps = Arrays.stream(epsilons).sorted().distinct().toArray();
        for (double e : eps) {
            if (!(e >= 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("epsilons must be finite and >= 0, got " + Arrays.toString(epsilons));
            }
        }
        if (eps.length == 0 || eps[0] != 0) {
            double[] withZero = new double[eps.length + 1];
            System.arraycopy(eps, 0, withZero, 1, eps.length);
            eps = withZero;
        }
        double[] acc = new double[eps.length];
        for (int k = 0; k < eps.length; k++) {
            int robust = 0;
            for (double d : distances) {
                robust += d > eps[k] ? 1 : 0;
            }
            acc[k] = (double) robust / distances.length;
        }
        return new ImpliedCurve(eps, acc);
    }

    /** {@code points} evenly spaced budgets from 0 to the largest finite distance (or 1 if there is none). */
    public static double[] evenEpsilons(double[] distances, int points) {
        if (points < 2) {
            throw new IllegalArgumentException("at least 2 points are required, got " + points);
        }
        double max = Arrays.stream(distances).filter(Double::isFinite).max().orElse(0);
        double top = max > 0 ? max : 1;
        double[] eps = new double[points];
        for (int k = 0; k < points; k++) {
            eps[k] = top * k / (points - 1);
        }
        return eps;
    }

    /**
     * The histogram of the finite, positive distances in {@code bins} equal bins from 0 to the largest.
     *
     * @param distances as for {@link #curve}
     * @param eligible per example, whether it counted (clean errors are not eligible for an untargeted attack)
     */
    public static DistanceHistogram histogram(double[] distances, boolean[] eligible, int bins) {
        if (bins < 1 || bins > 10_000) {
            throw new IllegalArgumentException("bins must be in [1, 10000], got " + bins);
        }
        int alreadyWrong = 0;
        int notFound = 0;
        double max = 0;
        for (int i = 0; i < distances.length; i++) {
            if (distances[i] == 0) {
                alreadyWrong++;
            } else if (!Double.isFinite(distances[i])) {
                notFound += eligible[i] ? 1 : 0;
            } else if (eligible[i]) {
                max = Math.max(max, distances[i]);
            }
        }
        double top = max > 0 ? max : 1;
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            edges[k] = top * k / bins;
        }
        int[] counts = new int[bins];
        for (int i = 0; i < distances.length; i++) {
            double d = distances[i];
            if (eligible[i] && d > 0 && Double.isFinite(d)) {
                counts[Math.min(bins - 1, (int) (d / top * bins))]++;
            }
        }
        return new DistanceHistogram(edges, counts, alreadyWrong, notFound);
    }
}
