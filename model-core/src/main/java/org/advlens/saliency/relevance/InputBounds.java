package org.advlens.saliency.relevance;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The lowest and highest value each network input can take (the model's pixel bounds after its input
 * transform), shaped like the batch being explained; what the z^B (box) rule needs.
 */
public record InputBounds(INDArray low, INDArray high) {

    public InputBounds {
        if (low == null || high == null) {
            throw new IllegalArgumentException("both bounds are required");
        }
        if (!java.util.Arrays.equals(low.shape(), high.shape())) {
            throw new IllegalArgumentException("bounds of different shapes " + java.util.Arrays.toString(low.shape())
                    + " and " + java.util.Arrays.toString(high.shape()));
        }
    }
}
