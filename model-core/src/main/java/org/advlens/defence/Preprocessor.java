package org.advlens.defence;

import org.advlens.model.InputSpec;

/**
 * A fixed map applied to images before a classifier sees them, on row-major NCHW {@code float} batches in the
 * bounds of the model's {@link InputSpec}, with the vector-Jacobian product of its true derivative so gradients
 * can be taken through it honestly (or, for BPDA, skipped on purpose).
 */
public interface Preprocessor {

    /** Short name for reports, e.g. {@code "bit-depth-4"}. */
    String name();

    /**
     * The transformed batch, a new array.
     *
     * @param x {@code n} images of {@code spec.size()} values each, NCHW
     */
    float[] apply(float[] x, int n, InputSpec spec);

    /**
     * The vector-Jacobian product of the map's true derivative at {@code x}: the gradient with respect to {@code x}
     * of {@code sum(upstream * apply(x))}, a new array. Where the map is piecewise constant this is zero almost
     * everywhere; that is the gradient masking a plain gradient attack falls for.
     */
    float[] backward(float[] x, float[] upstream, int n, InputSpec spec);
}
