package org.advlens.attack.minimization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.BatchRows;
import org.advlens.attack.DistanceMeasure;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationCandidates;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.MinimizationRunner;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns any fixed-epsilon attack into a minimisation attack by bisection on epsilon per example, as Foolbox 3
 * does for its fixed-epsilon attacks: first the whole box (the largest budget that can matter), then
 * {@code searchSteps} halvings of each example's bracket {@code [lo, hi]}, keeping the adversarial of the
 * smallest budget that worked. Examples whose brackets share a midpoint run in one call. Success at each budget
 * is decided by {@link AttackRunner#verify}, never by the attack. Because an attack may succeed at one budget and
 * fail at a larger one, the result is an upper bound on the minimal distance, to the bisection's resolution.
 *
 * <p>Uses {@link MinimizationParams#norm()}, {@code searchSteps}, {@code targetClass} and {@code seed}; the
 * wrapped attack's other parameters (steps, step size, restarts) come from the {@link AttackParams} given here.
 */
public final class MinimumEpsilonSearch implements MinimizationAttack {

    /** Prefix of the name, e.g. {@code "min-pgd"}. */
    public static final String PREFIX = "min-";

    private final FixedEpsilonAttack attack;
    private final AttackParams attackParams;

    /** Searches with the attack's default parameters. */
    public MinimumEpsilonSearch(FixedEpsilonAttack attack) {
        this(attack, attack.defaults());
    }

    public MinimumEpsilonSearch(FixedEpsilonAttack attack, AttackParams attackParams) {
        if (attack == null || attackParams == null) {
            throw new IllegalArgumentException("an attack and its parameters are required");
        }
        this.attack = attack;
        this.attackParams = attackParams;
    }

    @Override
    public String name() {
        return PREFIX + attack.name();
    }

    @Override
    public String displayName() {
        return "Minimum-epsilon search over " + attack.displayName();
    }

    @Override
    public DistanceMeasure measure(MinimizationParams params) {
        return DistanceMeasure.of(params.norm());
    }

    /** The wrapped attack's norm, 10 bisection steps. */
    @Override
    public MinimizationParams defaults() {
        return MinimizationParams.defaults().withNorm(attackParams.norm()).withSearchSteps(10)
                .withTarget(attackParams.targetClass()).withSeed(attackParams.seed());
    }

    @Override
    public MinimizationCandidates run(Classifier model, INDArray x, int[] labels, MinimizationParams params,
                                      CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, new double[] {0}, params.verification());
        AttackParams p = attackParams.withNorm(params.norm()).withTarget(params.targetClass())
                .withSeed(params.seed());
        INDArray clean = x.castTo(DataType.FLOAT);
        int n = labels.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        java.util.Arrays.fill(hi, MinimizationRunner.diameter(model, params.norm()));
        boolean[] found = new boolean[n];
        INDArray best = clean.dup();
        int[] pred = model.predict(clean);
        boolean[] already = new boolean[n];
        for (int i = 0; i < n; i++) {
            already[i] = params.targeted() ? pred[i] == params.targetClass() : pred[i] != labels[i];
        }
        int[] todo = BatchRows.where(already, false);
        if (todo.length > 0) {
            tryBudgets(model, clean, labels, p, cancellation, Map.of(hi[0], todo), best, found, lo, hi);
        }
        for (int step = 0; step < params.searchSteps(); step++) {
            Map<Double, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                if (found[i] && !already[i]) {
                    groups.computeIfAbsent((lo[i] + hi[i]) / 2, k -> new java.util.ArrayList<>()).add(i);
                }
            }
            Map<Double, int[]> batches = new LinkedHashMap<>();
            groups.forEach((eps, members) -> batches.put(eps, members.stream().mapToInt(Integer::intValue).toArray()));
            tryBudgets(model, clean, labels, p, cancellation, batches, best, found, lo, hi);
        }
        return MinimizationCandidates.of(best);
    }

    /** Runs the attack at each budget on its examples; success lowers {@code hi}, failure raises {@code lo}. */
    private void tryBudgets(Classifier model, INDArray clean, int[] labels, AttackParams p,
                            CancellationToken cancellation, Map<Double, int[]> batches, INDArray best,
                            boolean[] found, double[] lo, double[] hi) {
        for (Map.Entry<Double, int[]> b : batches.entrySet()) {
            double eps = b.getKey();
            int[] idx = b.getValue();
            INDArray sub = BatchRows.select(clean, idx);
            int[] subLabels = BatchRows.pick(labels, idx);
            INDArray candidate = attack.run(model, sub, subLabels, new double[] {eps}, p, cancellation)[0];
            AttackOutcome o = AttackRunner.verify(attack.name(), model, sub, subLabels, eps, p, candidate);
            INDArray verified = o.adversarial().toArray();
            for (int j = 0; j < idx.length; j++) {
                int i = idx[j];
                if (o.success()[j]) {
                    found[i] = true;
                    hi[i] = eps;
                    best.putSlice(i, verified.slice(j));
                } else {
                    lo[i] = eps;
                }
            }
        }
    }
}
