package org.advlens.eval;

/**
 * One example's result of a minimisation attack, as measured by the engine.
 *
 * @param index position in the data set
 * @param label true label
 * @param cleanPrediction the model's prediction on the clean input
 * @param adversarialPrediction the model's prediction on the (clipped) candidate
 * @param eligible whether there was anything to attack (see {@link org.advlens.attack.MinimizationOutcome})
 * @param success eligible and the candidate meets the goal
 * @param distance the minimal distance found in the attack's measure: 0 for a clean error, infinite if not found
 * @param estimatedDistance the attack's own boundary estimate, or {@code NaN}
 * @param l0 values changed
 * @param l2 Euclidean norm of the perturbation
 * @param linf max-norm of the perturbation
 * @param fractionChanged {@code l0} over the number of values in the image
 */
public record MinimalPerturbation(int index, int label, int cleanPrediction, int adversarialPrediction,
                                  boolean eligible, boolean success, double distance, double estimatedDistance,
                                  double l0, double l2, double linf, double fractionChanged) {
}
