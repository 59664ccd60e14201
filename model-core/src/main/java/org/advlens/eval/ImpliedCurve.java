package org.advlens.eval;

/**
 * The robust accuracy implied by per-example minimal perturbation sizes: at each epsilon, the fraction of
 * examples whose minimal adversarial distance is larger than epsilon (clean errors count as distance 0, examples
 * the attack never fooled as infinite).
 *
 * @param epsilons budgets in increasing order, starting at 0
 * @param accuracy the implied robust accuracy at each budget
 */
public record ImpliedCurve(double[] epsilons, double[] accuracy) {

    public ImpliedCurve {
        if (epsilons == null || accuracy == null || epsilons.length != accuracy.length || epsilons.length == 0) {
            throw new IllegalArgumentException("one accuracy per epsilon is required");
        }
        epsilons = epsilons.clone();
        accuracy = accuracy.clone();
    }

    @Override
    public double[] epsilons() {
        return epsilons.clone();
    }

    @Override
    public double[] accuracy() {
        return accuracy.clone();
    }
}
