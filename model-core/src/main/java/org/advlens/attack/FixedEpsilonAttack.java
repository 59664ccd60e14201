package org.advlens.attack;

import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An attack that searches for an adversarial example inside an epsilon ball (Foolbox 3's "fixed-epsilon"
 * kind). One call takes a list of epsilons, so one call yields a whole robustness curve.
 *
 * <p>Implementations return raw candidates. They are expected to project and clip after every step, but the
 * engine does not trust them: {@link AttackRunner} projects and clips again, and measures norms and success
 * itself.
 */
public interface FixedEpsilonAttack {

    /** Short name used on the command line and in result files, e.g. {@code "pgd"}. */
    String name();

    /** Name shown to people, e.g. "PGD (Madry et al. 2018)". */
    String displayName();

    /** Whether the attack takes several steps (so the step count and step size matter). */
    boolean iterative();

    /** Whether the attack starts at a random point, so restarts and the seed matter. */
    boolean randomised();

    /**
     * Whether the attack follows input gradients. Score-based (black-box) attacks, which only query the logits,
     * return {@code false}; evaluation checks compare them with the gradient attacks.
     */
    default boolean usesGradients() {
        return true;
    }

    /** The parameters this attack runs with when the user sets nothing. */
    AttackParams defaults();

    /**
     * The attack's own options, by the names {@link org.advlens.attack.catalog.Attacks#create} takes, for provenance; empty for an attack
     * whose only parameters are the shared {@link AttackParams}.
     */
    default java.util.Map<String, Object> parameters() {
        return java.util.Map.of();
    }

    /**
     * @param model the classifier, used from the calling thread only
     * @param x clean inputs {@code [n, c, h, w]} inside the model's bounds
     * @param labels true labels (for untargeted attacks) of each example
     * @param epsilons perturbation budgets, each {@code >= 0}
     * @return one array of candidate adversarial inputs per epsilon, each shaped like {@code x}
     */
    INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                   CancellationToken cancellation);

    /**
     * Runs the attack on the examples at data-set indices {@code first, first + 1, ...}. Attacks whose random
     * choices are made per example (FGSM, BIM and PGD, Square) draw example {@code first + r}'s randomness from
     * {@link ExampleSeeds#of ExampleSeeds.of(params.seed(), first + r)}, so its result does not depend on how the data
     * set is cut into batches or partitions. The default, for attacks that draw for a whole batch at once, seeds the
     * batch with {@code params.seed()} when {@code first} is 0 (as a plain call does) and with
     * {@code ExampleSeeds.of(params.seed(), first)} otherwise: reproducible for the same batches.
     *
     * @param first the data-set index of the first row of {@code x}
     */
    default INDArray[] run(Classifier model, INDArray x, int[] labels, long first, double[] epsilons,
                           AttackParams params, CancellationToken cancellation) {
        AttackParams batchParams = !randomised() || first == 0 ? params
                : params.withSeed(ExampleSeeds.of(params.seed(), first));
        return run(model, x, labels, epsilons, batchParams, cancellation);
    }
}
