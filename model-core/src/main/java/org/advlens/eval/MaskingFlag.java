package org.advlens.eval;

/**
 * A warning sign that a robustness evaluation may be unreliable, typically because of gradient masking
 * (Athalye, Carlini and Wagner, "Obfuscated Gradients Give a False Sense of Security", ICML 2018;
 * Carlini et al., "On Evaluating Adversarial Robustness", 2019).
 *
 * @param kind which check fired
 * @param attack the attack it concerns, or an empty string
 * @param message a sentence a person can act on
 */
public record MaskingFlag(Kind kind, String attack, String message) {

    /** The checks. */
    public enum Kind {
        NOT_MONOTONE,
        ITERATIVE_WEAKER_THAN_SINGLE_STEP,
        DOES_NOT_REACH_CHANCE,
        ZERO_GRADIENTS
    }

    public MaskingFlag {
        attack = attack == null ? "" : attack;
    }
}
