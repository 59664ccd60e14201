package org.advlens.saliency.method;

import java.util.List;
import onnx.Onnx.NodeProto;
import org.advlens.model.gradient.BackwardContext;
import org.advlens.model.gradient.BackwardRule;

/**
 * The backward pass of a ReLU for guided backpropagation (Springenberg et al., "Striving for Simplicity: The All
 * Convolutional Net", 2015) and for the deconvnet (Zeiler and Fergus, "Visualizing and Understanding
 * Convolutional Networks", 2014), as a rule of the gradient engine: guided passes the gradient where both the
 * ReLU's input and the gradient are positive, deconvnet where the gradient is positive.
 */
enum GuidedReluRule implements BackwardRule {
    GUIDED(true),
    DECONVNET(false);

    private final boolean maskByInput;

    GuidedReluRule(boolean maskByInput) {
        this.maskByInput = maskByInput;
    }

    @Override
    public void backward(NodeProto n, BackwardContext ctx) {
        String g = ctx.gradient(n.getOutput(0));
        String zero = ctx.constant(new long[0], 0f);
        String pass = ctx.node("Greater", List.of(g, zero));
        if (maskByInput) {
            pass = ctx.node("And", List.of(pass, ctx.node("Greater", List.of(n.getInput(0), zero))));
        }
        ctx.addGradient(n.getInput(0), ctx.node("Where", List.of(pass, g, zero)));
    }
}
