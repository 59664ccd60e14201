package org.advlens.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The logits of a batch and the input gradient of an objective on them, from one pass.
 *
 * @param logits {@code [n, classes]}
 * @param inputGradient the input's shape, {@code [n, c, h, w]}
 */
public record LogitsAndGradient(INDArray logits, INDArray inputGradient) {

    public LogitsAndGradient {
        if (logits == null || inputGradient == null) {
            throw new IllegalArgumentException("logits and gradient are required");
        }
    }
}
