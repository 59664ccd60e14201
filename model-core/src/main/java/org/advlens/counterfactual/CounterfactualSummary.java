package org.advlens.counterfactual;

import java.util.List;

/**
 * Aggregate figures of a set of counterfactuals of one method; the distances and plausibility measures are means
 * over the successful ones only.
 *
 * @param count counterfactuals asked for
 * @param successes how many the classifier assigns to the target
 * @param meanL1 mean L1 distance to the original
 * @param meanL2 mean L2 distance to the original
 * @param meanChangedPixels mean number of changed pixels
 * @param meanReconstructionError mean reconstruction error of the counterfactuals ({@code NaN} without a generator)
 * @param meanOriginalReconstructionError the same for their originals
 * @param meanNearestTargetDistance mean distance to the nearest reference example of the target class
 */
public record CounterfactualSummary(int count, int successes, double meanL1, double meanL2, double meanChangedPixels,
                                    double meanReconstructionError, double meanOriginalReconstructionError,
                                    double meanNearestTargetDistance) {

    public double successRate() {
        return count == 0 ? Double.NaN : (double) successes / count;
    }

    /** Summarises {@code results} with their {@code measures} (same order). */
    public static CounterfactualSummary of(List<Counterfactual> results, List<Plausibility> measures) {
        if (results.size() != measures.size()) {
            throw new IllegalArgumentException(results.size() + " counterfactuals but " + measures.size()
                    + " measures");
        }
        int ok = 0;
        double[] sums = new double[6];
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).success()) {
                continue;
            }
            ok++;
            Plausibility p = measures.get(i);
            sums[0] += p.l1();
            sums[1] += p.l2();
            sums[2] += p.changedPixels();
            sums[3] += p.reconstructionError();
            sums[4] += p.originalReconstructionError();
            sums[5] += p.nearestTargetDistance();
        }
        double n = ok == 0 ? Double.NaN : ok;
        return new CounterfactualSummary(results.size(), ok, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n,
                sums[4] / n, sums[5] / n);
    }
}
