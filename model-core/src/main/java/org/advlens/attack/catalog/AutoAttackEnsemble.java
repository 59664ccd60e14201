package org.advlens.attack.catalog;

import java.util.List;
import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.BatchRows;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.blackbox.SquareAttack;
import org.advlens.attack.gradient.AutoPgdCrossEntropy;
import org.advlens.attack.gradient.AutoPgdTargeted;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An AutoAttack-style ensemble: APGD-CE, then APGD-T, then Square, each run only on the examples the previous
 * ones left unsolved, keeping per example the first candidate that meets the goal (the worst case for the
 * model). A component's candidate counts only after the engine's own check ({@link AttackRunner#verify}); where
 * all fail, APGD-CE's highest-loss point is kept. Croce and Hein, "Reliable evaluation of adversarial robustness
 * with an ensemble of diverse parameter-free attacks", ICML 2020.
 *
 * <p>{@link AttackParams#steps()} is the APGD step count, {@code restarts} the number of APGD-T target classes,
 * and Square gets {@link #SQUARE_QUERIES_PER_STEP} queries per step.
 */
public final class AutoAttackEnsemble implements FixedEpsilonAttack {

    /** Square's query budget as a multiple of the APGD steps (AutoAttack pairs 100 steps with 5000 queries). */
    public static final int SQUARE_QUERIES_PER_STEP = 20;

    @Override
    public String name() {
        return "autoattack";
    }

    @Override
    public String displayName() {
        return "AutoAttack-style ensemble (Croce and Hein 2020)";
    }

    @Override
    public boolean iterative() {
        return true;
    }

    @Override
    public boolean randomised() {
        return true;
    }

    /** 50 APGD steps, 3 APGD-T targets, 1000 Square queries. */
    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(50).withRestarts(3);
    }

    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        INDArray clean = x.castTo(DataType.FLOAT);
        List<Component> components = List.of(
                new Component(new AutoPgdCrossEntropy(), params.withRestarts(1)),
                new Component(new AutoPgdTargeted(), params),
                new Component(new SquareAttack(), params.withRestarts(1)
                        .withSteps(Math.min(100_000, params.steps() * SQUARE_QUERIES_PER_STEP))));
        INDArray[] out = new INDArray[epsilons.length];
        for (int e = 0; e < epsilons.length; e++) {
            double eps = epsilons[e];
            if (eps == 0) {
                out[e] = clean.dup();
                continue;
            }
            boolean[] solved = new boolean[labels.length];
            INDArray result = null;
            for (Component c : components) {
                int[] idx = result == null ? java.util.stream.IntStream.range(0, labels.length).toArray()
                        : BatchRows.where(solved, false);
                if (idx.length == 0) {
                    break;
                }
                INDArray sub = BatchRows.select(clean, idx);
                int[] subLabels = BatchRows.pick(labels, idx);
                INDArray candidate = c.attack.run(model, sub, subLabels, new double[] {eps}, c.params, cancellation)[0];
                AttackOutcome checked = AttackRunner.verify(c.attack.name(), model, sub, subLabels, eps, c.params,
                        candidate);
                INDArray verified = checked.adversarial().toArray();
                if (result == null) {
                    result = verified;
                    solved = checked.success().clone();
                    continue;
                }
                for (int j = 0; j < idx.length; j++) {
                    if (checked.success()[j]) {
                        result.putSlice(idx[j], verified.slice(j));
                        solved[idx[j]] = true;
                    }
                }
            }
            out[e] = result;
        }
        return out;
    }

    private record Component(FixedEpsilonAttack attack, AttackParams params) {
    }
}
