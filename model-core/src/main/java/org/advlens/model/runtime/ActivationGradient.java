package org.advlens.model.runtime;

/**
 * The activation of an inner layer for a batch and the gradient of a weighted logit sum with respect to it, as
 * plain row-major data.
 *
 * @param shape the activation's shape, {@code [n, c, h, w]} for an image-shaped layer
 * @param activation the layer's values
 * @param gradient the gradient, same shape
 */
public record ActivationGradient(long[] shape, float[] activation, float[] gradient) {

    public ActivationGradient {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (activation.length != size || gradient.length != size) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " needs " + size
                    + " values, got " + activation.length + " and " + gradient.length);
        }
        shape = shape.clone();
    }
}
