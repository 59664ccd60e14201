package org.advlens.model.compiled;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's pre-processors between convolutional and dense layers: a c-order flatten of the activations in their
 * own layout ({@code CnnToFeedForwardPreProcessor}, NCHW or NHWC alike) or its inverse
 * ({@code FeedForwardToCnnPreProcessor}, to NCHW). Identity layers (dropout at inference) are the trivial case.
 */
final class ReshapeStage implements CompiledStage {

    private final long[] shape;
    private final String name;

    private ReshapeStage(long[] shape, String name) {
        this.shape = shape;
        this.name = name;
    }

    static ReshapeStage flatten() {
        return new ReshapeStage(null, "flatten");
    }

    static ReshapeStage toImage(long channels, long height, long width) {
        return new ReshapeStage(new long[] {channels, height, width}, "reshape to " + channels + "x" + height + "x"
                + width);
    }

    static ReshapeStage identity(String name) {
        return new ReshapeStage(new long[0], name);
    }

    @Override
    public INDArray forward(INDArray x, boolean mayOverwrite) {
        if (shape == null) {
            return x.rank() == 2 ? x : x.reshape('c', x.size(0), x.length() / x.size(0));
        }
        if (shape.length == 0 || x.rank() == 4) {
            return x;
        }
        return x.reshape('c', x.size(0), shape[0], shape[1], shape[2]);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradOut) {
        return gradOut.rank() == x.rank() ? gradOut : gradOut.reshape('c', x.shape());
    }

    @Override
    public boolean passesInputThrough() {
        return true;
    }

    @Override
    public String describe() {
        return name;
    }
}
