package org.advlens.counterfactual;

/**
 * How plausible a counterfactual is: how far it moved, and how close it stays to the data.
 *
 * @param l1 sum of absolute pixel changes, in pixel units
 * @param l2 Euclidean norm of the change, in pixel units
 * @param changedPixels pixel positions where some channel changed by more than the threshold
 * @param reconstructionError mean squared error of the counterfactual under the generative model (units of the
 *     range squared); {@code NaN} without one
 * @param originalReconstructionError the same for the original, the baseline to compare with
 * @param nearestTargetDistance Euclidean distance to the nearest reference example of the target class, in pixel
 *     units; {@code NaN} without a reference set or with no example of that class
 */
public record Plausibility(double l1, double l2, int changedPixels, double reconstructionError,
                           double originalReconstructionError, double nearestTargetDistance) {

    public Plausibility {
        if (!(l1 >= 0) || !(l2 >= 0) || changedPixels < 0) {
            throw new IllegalArgumentException("distances must be non-negative, got l1 " + l1 + ", l2 " + l2
                    + ", changed pixels " + changedPixels);
        }
    }
}
