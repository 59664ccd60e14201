package org.advlens.eval.boundary;

/**
 * The sweep of a logit-linearity plot.
 *
 * @param maxEpsilon the sweep runs over {@code [-maxEpsilon, maxEpsilon]}, an L-inf step size in pixel units
 * @param points number of epsilons in the sweep, at least 3
 * @param seed seed of the random sign direction
 * @param clip whether to clip each point to the model's input bounds (off by default, as in the paper)
 */
public record LinearitySpec(double maxEpsilon, int points, long seed, boolean clip) {

    public LinearitySpec {
        if (!(maxEpsilon > 0) || !Double.isFinite(maxEpsilon)) {
            throw new IllegalArgumentException("max epsilon must be finite and > 0, got " + maxEpsilon);
        }
        if (points < 3 || points > 10_001) {
            throw new IllegalArgumentException("points must be in [3, 10001], got " + points);
        }
    }

    /** The {@code k}-th epsilon of the sweep. */
    public double epsilon(int k) {
        return -maxEpsilon + 2 * maxEpsilon * k / (points - 1);
    }
}
