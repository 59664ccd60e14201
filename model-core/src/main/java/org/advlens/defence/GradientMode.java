package org.advlens.defence;

/** How a defended classifier's input gradient passes through its preprocessing. */
public enum GradientMode {
    /** The true derivative of the preprocessing (zero almost everywhere for a quantiser). */
    EXACT,
    /**
     * Backward Pass Differentiable Approximation (Athalye, Carlini and Wagner, "Obfuscated Gradients Give a False
     * Sense of Security", ICML 2018): the forward pass is unchanged, the backward pass treats the preprocessing as
     * the identity, so the gradient is the classifier's gradient at the preprocessed input.
     */
    BPDA
}
