package org.advlens.eval.boundary;

/** Where a plane direction comes from. */
public enum DirectionKind {
    /** The loss gradient at the image, normalised to unit L2 length. */
    GRADIENT,
    /** The perturbation {@code adv - x} of a fixed-epsilon attack, normalised to unit L2 length. */
    ATTACK,
    /** A seeded Gaussian direction, normalised to unit L2 length. */
    RANDOM
}
