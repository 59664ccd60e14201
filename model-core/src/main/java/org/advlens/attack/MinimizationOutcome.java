package org.advlens.attack;

import java.util.Arrays;

/**
 * The engine-verified result of a minimisation attack on a batch, as plain data. Success and norms are measured
 * by {@link MinimizationRunner}, not reported by the attack.
 *
 * @param attack the attack's short name
 * @param params the parameters it ran with
 * @param measure the distance it minimises
 * @param verified the clipped candidates with the model's predictions, success and L0/L2/L-inf norms
 * @param cleanPredictions the model's predictions on the clean inputs
 * @param eligible per example: whether there was anything to attack (untargeted: the clean input is classified
 *                 correctly; targeted: neither the label nor the clean prediction is the target)
 * @param distance per example, the smallest perturbation found that changes the decision, in {@code measure}:
 *                 0 where the clean input already meets the goal, {@code +Infinity} where the attack failed
 * @param estimatedDistance per example, the attack's own estimate of the boundary distance, or {@code NaN}
 */
public record MinimizationOutcome(String attack, MinimizationParams params, DistanceMeasure measure,
                                  AttackOutcome verified, int[] cleanPredictions, boolean[] eligible,
                                  double[] distance, double[] estimatedDistance) {

    public MinimizationOutcome {
        int n = verified.count();
        if (cleanPredictions.length != n || eligible.length != n || distance.length != n
                || estimatedDistance.length != n) {
            throw new IllegalArgumentException("per-example arrays must all have " + n + " entries");
        }
        cleanPredictions = cleanPredictions.clone();
        eligible = eligible.clone();
        distance = distance.clone();
        estimatedDistance = estimatedDistance.clone();
    }

    public int count() {
        return verified.count();
    }

    /** Whether example {@code i} was eligible and the verified candidate meets the goal. */
    public boolean succeeded(int i) {
        return eligible[i] && verified.success()[i];
    }

    /** Fraction of eligible examples the attack succeeded on. */
    public double successRate() {
        int e = 0;
        int s = 0;
        for (int i = 0; i < count(); i++) {
            e += eligible[i] ? 1 : 0;
            s += succeeded(i) ? 1 : 0;
        }
        return e == 0 ? 0 : (double) s / e;
    }

    /** Distances of the successful eligible examples. */
    public double[] successfulDistances() {
        return java.util.stream.IntStream.range(0, count()).filter(this::succeeded).mapToDouble(i -> distance[i])
                .toArray();
    }

    /** Mean distance over successful eligible examples, or {@code NaN} if there are none. */
    public double meanDistance() {
        return Arrays.stream(successfulDistances()).average().orElse(Double.NaN);
    }

    /** Median distance over successful eligible examples, or {@code NaN} if there are none. */
    public double medianDistance() {
        double[] d = successfulDistances();
        if (d.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(d);
        return d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
    }

    /** Per example, the fraction of input values the verified candidate changes (L0 over the image size). */
    public double[] fractionChanged() {
        double size = verified.adversarial().imageSize();
        return Arrays.stream(verified.l0()).map(v -> v / size).toArray();
    }

    @Override
    public int[] cleanPredictions() {
        return cleanPredictions.clone();
    }

    @Override
    public boolean[] eligible() {
        return eligible.clone();
    }

    @Override
    public double[] distance() {
        return distance.clone();
    }

    @Override
    public double[] estimatedDistance() {
        return estimatedDistance.clone();
    }
}
