package org.advlens.model.gradient;

import java.util.List;
import org.advlens.model.onnx.OnnxProtos;

/**
 * The gradient of the objective with respect to the logits z:
 * {@code d/dz [sum ce . (-log softmax z) + sum w . z] = softmax(z) * rowsum(ce) - ce + w}.
 */
final class ObjectiveHead {

    private ObjectiveHead() {
    }

    static String emit(String logits, BackwardContext ctx) {
        String p = ctx.node("Softmax", List.of(logits), OnnxProtos.intAttr("axis", 1));
        String mass = ctx.node("ReduceSum", List.of(GradientModel.CROSS_ENTROPY, ctx.longs(1)),
                OnnxProtos.intAttr("keepdims", 1));
        String crossEntropy = ctx.node("Sub", List.of(ctx.node("Mul", List.of(p, mass)), GradientModel.CROSS_ENTROPY));
        return ctx.node("Add", List.of(crossEntropy, GradientModel.LOGIT_WEIGHTS));
    }
}
