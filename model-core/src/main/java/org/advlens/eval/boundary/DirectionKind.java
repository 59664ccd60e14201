package org.advlens.eval.boundary;

/** Where a plane direction comes from. */
public enum DirectionKind {
    /** The loss gradient at the image, normalised to unit L2 length. */
    GRADIENT,
    /** The perturbation {@code adv - x} of a fixed-epsilon attack, normalised to unit L2 length. */
    ATTACK,
    /** A seeded Gaussian direction, normalised to unit L2 length. */
    RANDOM,
    /**
     * The change {@code x' - x} to a pixel-space counterfactual of a target class (Wachter et al., "Counterfactual
     * Explanations without Opening the Black Box", 2017), normalised to unit L2 length.
     */
    COUNTERFACTUAL
}
