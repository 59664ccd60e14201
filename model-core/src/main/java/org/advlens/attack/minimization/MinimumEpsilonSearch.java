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
import org.advlens.attack.OptionChecks;
import org.advlens.attack.OptionValues;
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
 * <p>Its own hyperparameter is {@link Options} (the bisection steps); of the shared {@link MinimizationParams} it
 * uses {@code norm}, {@code targetClass} and {@code seed}. The wrapped attack's other parameters (steps, step
 * size, restarts) come from the {@link AttackParams} given here, its own options from the attack instance.
 */
public final class MinimumEpsilonSearch implements MinimizationAttack {

    /** Prefix of the name, e.g. {@code "min-pgd"}. */
    public static final String PREFIX = "min-";

    private final FixedEpsilonAttack attack;
    private final AttackParams attackParams;
    private final Options options;

    /** Searches with the attack's default parameters and {@link Options#defaults()}. */
    public MinimumEpsilonSearch(FixedEpsilonAttack attack) {
        this(attack, attack.defaults());
    }

    public MinimumEpsilonSearch(FixedEpsilonAttack attack, AttackParams attackParams) {
        this(attack, attackParams, Options.defaults());
    }

    public MinimumEpsilonSearch(FixedEpsilonAttack attack, AttackParams attackParams, Options options) {
        if (attack == null || attackParams == null || options == null) {
            throw new IllegalArgumentException("an attack, its parameters and the search's options are required");
        }
        this.attack = attack;
        this.attackParams = attackParams;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** {@code search-steps}, the wrapped attack's {@code steps}, then the wrapped attack's own options. */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>(options.parameters());
        m.put("steps", attackParams.steps());
        m.putAll(attack.parameters());
        return java.util.Collections.unmodifiableMap(m);
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

    /** The wrapped attack's norm, target and seed. */
    @Override
    public MinimizationParams defaults() {
        return MinimizationParams.defaults().withNorm(attackParams.norm()).withTarget(attackParams.targetClass())
                .withSeed(attackParams.seed());
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
        for (int step = 0; step < options.searchSteps(); step++) {
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

    /**
     * The search's own hyperparameter.
     *
     * @param searchSteps halvings of each example's bracket after the first try at the whole box, in [1, 100]
     */
    public record Options(int searchSteps) {

        public Options {
            OptionChecks.checkSearchSteps(searchSteps);
        }

        /** 10 bisection steps. */
        public static Options defaults() {
            return new Options(10);
        }

        /** The option named in {@code values} ({@link #parameters()}'s name), or the default. */
        public static Options from(OptionValues values) {
            return new Options(values.whole("search-steps", defaults().searchSteps));
        }

        /** The options by name. */
        public Map<String, Object> parameters() {
            return Map.of("search-steps", searchSteps);
        }

        public Options withSearchSteps(int v) {
            return new Options(v);
        }
    }
}
