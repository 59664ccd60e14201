package org.advlens.model.gradient;

import java.util.List;
import java.util.Map;
import onnx.Onnx.NodeProto;
import org.advlens.model.onnx.OnnxProtos;

/** Backward rules of element-wise activations, softmax and clipping. */
final class ActivationRules {

    private ActivationRules() {
    }

    static void register(Map<String, BackwardRule> rules) {
        rules.put("Relu", ActivationRules::relu);
        rules.put("LeakyRelu", ActivationRules::leakyRelu);
        rules.put("Sigmoid", ActivationRules::sigmoid);
        rules.put("Tanh", ActivationRules::tanh);
        rules.put("Softmax", ActivationRules::softmax);
        rules.put("LogSoftmax", ActivationRules::logSoftmax);
        rules.put("Clip", ActivationRules::clip);
    }

    /**
     * dx = g where x > 0, else 0; read from the output (y > 0 exactly where x > 0), so that the runtime can still
     * fuse the ReLU into the convolution before it.
     */
    static void relu(NodeProto n, BackwardContext ctx) {
        String y = n.getOutput(0);
        String positive = ctx.node("Greater", List.of(y, ctx.constant(new long[0], 0f)));
        ctx.addGradient(n.getInput(0), ctx.node("Where", List.of(positive, ctx.gradient(y),
                ctx.constant(new long[0], 0f))));
    }

    /** dx = g where x > 0, else alpha * g. */
    static void leakyRelu(NodeProto n, BackwardContext ctx) {
        String g = ctx.gradient(n.getOutput(0));
        String x = n.getInput(0);
        float alpha = OnnxProtos.floatAttr(n, "alpha", 0.01f);
        String positive = ctx.node("Greater", List.of(x, ctx.constant(new long[0], 0f)));
        String scaled = ctx.node("Mul", List.of(g, ctx.constant(new long[0], alpha)));
        ctx.addGradient(x, ctx.node("Where", List.of(positive, g, scaled)));
    }

    /** dx = g * y * (1 - y). */
    static void sigmoid(NodeProto n, BackwardContext ctx) {
        String y = n.getOutput(0);
        String oneMinus = ctx.node("Sub", List.of(ctx.constant(new long[0], 1f), y));
        String slope = ctx.node("Mul", List.of(y, oneMinus));
        ctx.addGradient(n.getInput(0), ctx.node("Mul", List.of(ctx.gradient(y), slope)));
    }

    /** dx = g * (1 - y^2). */
    static void tanh(NodeProto n, BackwardContext ctx) {
        String y = n.getOutput(0);
        String slope = ctx.node("Sub", List.of(ctx.constant(new long[0], 1f), ctx.node("Mul", List.of(y, y))));
        ctx.addGradient(n.getInput(0), ctx.node("Mul", List.of(ctx.gradient(y), slope)));
    }

    /** dx = y * (g - sum(g * y)) along the softmax axis (opset 13 semantics). */
    static void softmax(NodeProto n, BackwardContext ctx) {
        String y = n.getOutput(0);
        String g = ctx.gradient(y);
        String axis = ctx.longs(OnnxProtos.intAttr(n, "axis", -1));
        String dot = ctx.node("ReduceSum", List.of(ctx.node("Mul", List.of(g, y)), axis), OnnxProtos.intAttr("keepdims", 1));
        ctx.addGradient(n.getInput(0), ctx.node("Mul", List.of(y, ctx.node("Sub", List.of(g, dot)))));
    }

    /** dx = g - softmax(x) * sum(g) along the axis. */
    static void logSoftmax(NodeProto n, BackwardContext ctx) {
        String y = n.getOutput(0);
        String g = ctx.gradient(y);
        String axis = ctx.longs(OnnxProtos.intAttr(n, "axis", -1));
        String total = ctx.node("ReduceSum", List.of(g, axis), OnnxProtos.intAttr("keepdims", 1));
        String p = ctx.node("Exp", List.of(y));
        ctx.addGradient(n.getInput(0), ctx.node("Sub", List.of(g, ctx.node("Mul", List.of(p, total)))));
    }

    /** dx = g where min <= x <= max, else 0 (the bounds given as inputs, opset 11 and later). */
    static void clip(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String x = n.getInput(0);
        String g = ctx.gradient(n.getOutput(0));
        String inside = null;
        if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            requireInactive(n, 1, ctx);
            inside = ctx.node("GreaterOrEqual", List.of(x, n.getInput(1)));
        }
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            requireInactive(n, 2, ctx);
            String below = ctx.node("LessOrEqual", List.of(x, n.getInput(2)));
            inside = inside == null ? below : ctx.node("And", List.of(inside, below));
        }
        ctx.addGradient(x, inside == null ? g
                : ctx.node("Where", List.of(inside, g, ctx.constant(new long[0], 0f))));
    }

    static void requireInactive(NodeProto n, int input, BackwardContext ctx) throws UnsupportedGradientException {
        if (ctx.isActive(n.getInput(input))) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + ": input " + input
                    + " depends on the model input; only its first input can");
        }
    }
}
