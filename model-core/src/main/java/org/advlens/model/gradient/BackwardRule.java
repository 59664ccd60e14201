package org.advlens.model.gradient;

import onnx.Onnx.NodeProto;

/**
 * The backward pass of one op type: given a forward node whose outputs have gradients in the context, emit the
 * ONNX nodes that compute the gradients of its active inputs and add them with
 * {@link BackwardContext#addGradient}. Rules emit plain ONNX ops that the standard runtime runs.
 */
@FunctionalInterface
public interface BackwardRule {

    void backward(NodeProto node, BackwardContext ctx) throws UnsupportedGradientException;
}
