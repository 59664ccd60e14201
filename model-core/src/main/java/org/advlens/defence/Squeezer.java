package org.advlens.defence;

/**
 * A feature squeezer (Xu, Evans and Qi, "Feature Squeezing: Detecting Adversarial Examples in Deep Neural
 * Networks", NDSS 2018): a preprocessor that maps an image to a simpler image in the same pixel space, removing
 * detail that a legitimate image does not need and an adversarial perturbation does.
 */
public interface Squeezer extends Preprocessor {

    /**
     * Whether {@link #backward} carries information an attack can follow: {@code false} for a piecewise-constant
     * squeezer, whose true gradient is zero almost everywhere, so an adaptive attack must use BPDA instead.
     */
    boolean hasUsefulGradient();
}
