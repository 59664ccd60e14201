package org.advlens.attack;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a minimisation attack returns, before the engine checks it.
 *
 * @param adversarial one candidate per example, shaped like the inputs; the clean input where the attack found
 *                    nothing
 * @param estimatedDistance the attack's own estimate of each example's distance to the decision boundary in its
 *                          measure, or {@code NaN} where it has none; reported beside the measured distance, never
 *                          used to decide success (DeepFool's linearised boundary distance, which it reports even
 *                          when clipping to the bounds stops the step short)
 */
public record MinimizationCandidates(INDArray adversarial, double[] estimatedDistance) {

    public MinimizationCandidates {
        if (adversarial == null || estimatedDistance == null || estimatedDistance.length != adversarial.size(0)) {
            throw new IllegalArgumentException("one estimated distance per candidate is required");
        }
        estimatedDistance = estimatedDistance.clone();
    }

    /** Candidates without estimates. */
    public static MinimizationCandidates of(INDArray adversarial) {
        double[] none = new double[(int) adversarial.size(0)];
        java.util.Arrays.fill(none, Double.NaN);
        return new MinimizationCandidates(adversarial, none);
    }

    @Override
    public double[] estimatedDistance() {
        return estimatedDistance.clone();
    }
}
