package org.advlens.attack.blackbox;

import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A transfer attack: craft the adversarial examples with a white-box attack on a surrogate model, then hand them to
 * the target model, which the attack never queries or differentiates. The engine measures success on the target
 * as for any attack. Papernot, McDaniel and Goodfellow, "Transferability in Machine Learning: from Phenomena to
 * Black-Box Attacks using Adversarial Samples", 2016; Papernot et al., "Practical Black-Box Attacks against
 * Machine Learning", AsiaCCS 2017.
 *
 * <p>Not in the {@link org.advlens.attack.catalog.Attacks} registry, since it needs a surrogate; build one with
 * {@code new TransferAttack(surrogate, Attacks.byName("pgd"))}. The surrogate must take the target's input shape
 * and bounds, and is used from the calling thread only.
 */
public final class TransferAttack implements FixedEpsilonAttack {

    private final Classifier surrogate;
    private final FixedEpsilonAttack attack;

    public TransferAttack(Classifier surrogate, FixedEpsilonAttack attack) {
        if (surrogate == null || attack == null) {
            throw new IllegalArgumentException("a surrogate model and an attack are required");
        }
        this.surrogate = surrogate;
        this.attack = attack;
    }

    @Override
    public String name() {
        return "transfer-" + attack.name();
    }

    @Override
    public String displayName() {
        return attack.displayName() + " transferred from " + surrogate.info().name();
    }

    @Override
    public boolean iterative() {
        return attack.iterative();
    }

    @Override
    public boolean randomised() {
        return attack.randomised();
    }

    /** The target's gradients are never used. */
    @Override
    public boolean usesGradients() {
        return false;
    }

    @Override
    public AttackParams defaults() {
        return attack.defaults();
    }

    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        if (!surrogate.inputSpec().equals(model.inputSpec()) || surrogate.numClasses() != model.numClasses()) {
            throw new IllegalArgumentException("the surrogate takes " + surrogate.inputSpec() + " with "
                    + surrogate.numClasses() + " classes but the target takes " + model.inputSpec() + " with "
                    + model.numClasses());
        }
        return attack.run(surrogate, x, labels, epsilons, params, cancellation);
    }
}
