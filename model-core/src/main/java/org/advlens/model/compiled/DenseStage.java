package org.advlens.model.compiled;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer {@code z = x W + b} with DL4J's weights {@code [in, out]} and bias {@code [1, out]}
 * (the network's own parameter arrays). Backward is one GEMM, {@code g W^T}; the weight gradients are never
 * formed.
 */
final class DenseStage implements CompiledStage {

    private final INDArray weights;
    private final INDArray bias;

    DenseStage(INDArray weights, INDArray bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** The same layer with other weights and bias ({@code null}: none), for layer-wise relevance rules. */
    DenseStage withParameters(INDArray newWeights, INDArray newBias) {
        return new DenseStage(newWeights, newBias);
    }

    INDArray weights() {
        return weights;
    }

    INDArray bias() {
        return bias;
    }

    @Override
    public INDArray forward(INDArray x, boolean mayOverwrite) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.size(0), weights.size(1));
        Nd4j.gemm(x, weights, out, false, false, 1.0, 0.0);
        return bias == null ? out : out.addiRowVector(bias);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradOut) {
        return Nd4j.gemm(gradOut, weights, false, true);
    }

    @Override
    public String describe() {
        return "dense " + weights.size(0) + " -> " + weights.size(1);
    }
}
