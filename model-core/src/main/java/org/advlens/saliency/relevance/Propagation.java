package org.advlens.saliency.relevance;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one relevance propagation over a batch gives.
 *
 * @param inputRelevance the relevance of each input value, pixel-space NCHW {@code [n, c, h, w]}
 * @param targetLogits per row, the logit the propagation started from (all of the output relevance)
 * @param stepSums per row and step, the sum of the relevance reaching the step's input: the conservation check
 *                 (with conserving rules and no biases every entry equals the target logit)
 * @param channelRelevance per row and channel of the concept step's output, the relevance there before any
 *                         conditioning; {@code null} without a concept step
 */
public record Propagation(INDArray inputRelevance, double[] targetLogits, double[][] stepSums,
                          INDArray channelRelevance) {

    /** Sum of row {@code i}'s input relevance. */
    public double inputSum(int i) {
        return stepSums[i][0];
    }
}
