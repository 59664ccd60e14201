package org.advlens.eval;

import java.util.Arrays;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.catalog.Attacks;

/**
 * What a robustness curve evaluates: which attacks with which parameters at which epsilons.
 *
 * @param attacks attack names with their parameters
 * @param epsilons budgets in increasing order; 0 is added if missing, so the curve starts at clean accuracy
 * @param batchSize examples per batch
 */
public record CurveSpec(List<Entry> attacks, double[] epsilons, int batchSize) implements java.io.Serializable {

    /** One attack of the curve. */
    public record Entry(String attack, AttackParams params) implements java.io.Serializable {
        public Entry {
            Attacks.byName(attack);
            if (params == null) {
                throw new IllegalArgumentException("parameters for " + attack + " must not be null");
            }
        }
    }

    public CurveSpec {
        if (attacks == null || attacks.isEmpty()) {
            throw new IllegalArgumentException("at least one attack is required");
        }
        if (epsilons == null || epsilons.length == 0) {
            throw new IllegalArgumentException("at least one epsilon is required");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be in [1, 10000], got " + batchSize);
        }
        double[] sorted = Arrays.stream(epsilons).sorted().distinct().toArray();
        for (double e : sorted) {
            if (!(e >= 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("epsilons must be finite and >= 0, got " + Arrays.toString(epsilons));
            }
        }
        epsilons = sorted[0] == 0 ? sorted : prependZero(sorted);
        attacks = List.copyOf(attacks);
    }

    private static double[] prependZero(double[] e) {
        double[] out = new double[e.length + 1];
        System.arraycopy(e, 0, out, 1, e.length);
        return out;
    }

    @Override
    public double[] epsilons() {
        return epsilons.clone();
    }
}
