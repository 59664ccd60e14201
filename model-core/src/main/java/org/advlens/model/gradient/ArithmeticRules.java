package org.advlens.model.gradient;

import java.util.List;
import java.util.Map;
import onnx.Onnx.NodeProto;
import org.advlens.model.onnx.OnnxProtos;

/** Backward rules of broadcasting arithmetic and inference-mode batch normalisation. */
final class ArithmeticRules {

    private ArithmeticRules() {
    }

    static void register(Map<String, BackwardRule> rules) {
        rules.put("Add", ArithmeticRules::add);
        rules.put("Sub", ArithmeticRules::sub);
        rules.put("Mul", ArithmeticRules::mul);
        rules.put("Div", ArithmeticRules::div);
        rules.put("Neg", (n, ctx) -> ctx.addGradient(n.getInput(0),
                ctx.node("Neg", List.of(ctx.gradient(n.getOutput(0))))));
        rules.put("BatchNormalization", ArithmeticRules::batchNorm);
    }

    /** The gradient of a broadcast operand: g summed over the axes it was broadcast along. */
    private static void addReduced(NodeProto n, int input, String g, BackwardContext ctx)
            throws UnsupportedGradientException {
        String v = n.getInput(input);
        if (ctx.isActive(v)) {
            ctx.addGradient(v, ctx.reduceToShape(g, ctx.shape(n.getOutput(0)), ctx.shape(v)));
        }
    }

    static void add(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String g = ctx.gradient(n.getOutput(0));
        addReduced(n, 0, g, ctx);
        addReduced(n, 1, g, ctx);
    }

    static void sub(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String g = ctx.gradient(n.getOutput(0));
        addReduced(n, 0, g, ctx);
        if (ctx.isActive(n.getInput(1))) {
            addReduced(n, 1, ctx.node("Neg", List.of(g)), ctx);
        }
    }

    static void mul(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String g = ctx.gradient(n.getOutput(0));
        if (ctx.isActive(n.getInput(0))) {
            addReduced(n, 0, ctx.node("Mul", List.of(g, n.getInput(1))), ctx);
        }
        if (ctx.isActive(n.getInput(1))) {
            addReduced(n, 1, ctx.node("Mul", List.of(g, n.getInput(0))), ctx);
        }
    }

    /** d(a/b)/da = 1/b; d(a/b)/db = -y/b. */
    static void div(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String g = ctx.gradient(n.getOutput(0));
        String b = n.getInput(1);
        if (ctx.isActive(n.getInput(0))) {
            addReduced(n, 0, ctx.node("Div", List.of(g, b)), ctx);
        }
        if (ctx.isActive(b)) {
            String gy = ctx.node("Mul", List.of(g, n.getOutput(0)));
            addReduced(n, 1, ctx.node("Neg", List.of(ctx.node("Div", List.of(gy, b)))), ctx);
        }
    }

    /** Inference mode: y = (x - mean) * scale / sqrt(var + eps) + bias, so dx = g * scale / sqrt(var + eps). */
    static void batchNorm(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        if (OnnxProtos.intAttr(n, "training_mode", 0) != 0 || n.getOutputCount() > 1 && n.getOutputList().stream()
                .skip(1).anyMatch(o -> !o.isEmpty())) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " runs in training mode");
        }
        for (int i = 1; i < 5; i++) {
            ActivationRules.requireInactive(n, i, ctx);
        }
        int rank = ctx.shape(n.getInput(0)).length;
        long[] dims = new long[Math.max(1, rank - 1)];
        java.util.Arrays.fill(dims, 1);
        float eps = OnnxProtos.floatAttr(n, "epsilon", 1e-5f);
        String g = ctx.gradient(n.getOutput(0));
        String factor;
        if (ctx.isConstant(n.getInput(1)) && ctx.isConstant(n.getInput(4))) {
            float[] scale = ctx.constantFloats(n.getInput(1));
            float[] var = ctx.constantFloats(n.getInput(4));
            float[] k = new float[scale.length];
            for (int c = 0; c < k.length; c++) {
                k[c] = (float) (scale[c] / Math.sqrt(var[c] + (double) eps));
            }
            dims[0] = k.length;
            factor = ctx.constant(dims, k);
        } else {
            // weights fed at run time: the same factor computed in the graph
            dims[0] = -1;
            String std = ctx.node("Sqrt", List.of(ctx.node("Add", List.of(n.getInput(4),
                    ctx.constant(new long[0], eps)))));
            factor = ctx.node("Reshape", List.of(ctx.node("Div", List.of(n.getInput(1), std)), ctx.longs(dims)));
        }
        ctx.addGradient(n.getInput(0), ctx.node("Mul", List.of(g, factor)));
    }
}
