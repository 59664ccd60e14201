package org.advlens.attack;

import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An attack that looks for the smallest perturbation that changes the decision (Foolbox 3's "minimisation"
 * kind: C&W, DeepFool, JSMA), with no epsilon given. Implementations return raw candidates;
 * {@link MinimizationRunner} clips them, re-checks success on the model and measures the norms itself.
 *
 * <p>An instance holds the attack's own hyperparameters (its nested, validated {@code Options} record, given to
 * its constructor; the no-argument constructor uses the defaults) and reports them by {@link #parameters()}; what
 * every run shares (norm, target, seed) comes with each call as {@link MinimizationParams}.
 */
public interface MinimizationAttack {

    /** Short name used on the command line and in result files, e.g. {@code "cw"}. */
    String name();

    /** Name shown to people, e.g. "C&W L2 (Carlini and Wagner 2017)". */
    String displayName();

    /** The distance this attack minimises when run with {@code params}. */
    DistanceMeasure measure(MinimizationParams params);

    /** The shared parameters this attack runs with when the user sets nothing (its own norm, untargeted). */
    MinimizationParams defaults();

    /**
     * The attack's own options, by the names {@link org.advlens.attack.catalog.MinimizationAttacks#create} takes, in a fixed order: the
     * provenance of a run, and the fields a form shows for this attack.
     */
    default java.util.Map<String, Object> parameters() {
        return java.util.Map.of();
    }

    /**
     * @param model the classifier, used from the calling thread only
     * @param x clean inputs {@code [n, c, h, w]} inside the model's bounds
     * @param labels true labels of each example
     * @return one candidate per example
     */
    MinimizationCandidates run(Classifier model, INDArray x, int[] labels, MinimizationParams params,
                               CancellationToken cancellation);
}
