package org.advlens.model.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import onnx.Onnx.NodeProto;
import org.advlens.model.onnx.OnnxProtos;

/**
 * Backward rules of the linear layers: Conv, ConvTranspose, Gemm and MatMul.
 *
 * <p>A stride-1 convolution with constant weights goes back as a forward Conv with the kernel flipped and its
 * input and output channels swapped (measured 1.7x faster on ONNX Runtime than the ConvTranspose formulation);
 * other convolutions as a ConvTranspose with the same weights.
 */
final class LinearRules {

    /**
     * Fewest input channels of the forward convolution for which the flipped-kernel Conv is used: with fewer (an
     * image's 1 or 3 channels), ONNX Runtime's blocked Conv computes a mostly empty output block and ConvTranspose
     * is faster (measured 1.7 against 4.2 ms on the bundled CNN's first layer, batch 100, 2 threads).
     */
    static final long FLIP_MIN_CHANNELS = 4;

    private LinearRules() {
    }

    static void register(Map<String, BackwardRule> rules) {
        rules.put("Conv", LinearRules::conv);
        rules.put("ConvTranspose", LinearRules::convTranspose);
        rules.put("Gemm", LinearRules::gemm);
        rules.put("MatMul", LinearRules::matMul);
    }

    static void conv(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        ActivationRules.requireInactive(n, 1, ctx);
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            ActivationRules.requireInactive(n, 2, ctx);
        }
        String x = n.getInput(0);
        String w = n.getInput(1);
        long[] wDims = ctx.constantDims(w);
        if (wDims == null || wDims.length != 4) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has weights of unknown or non-2-D shape");
        }
        WindowGeometry geo = WindowGeometry.of(n, new long[] {wDims[2], wDims[3]}, ctx.shape(x),
                ctx.shape(n.getOutput(0)));
        long group = OnnxProtos.intAttr(n, "group", 1);
        String g = ctx.gradient(n.getOutput(0));
        long[] flippedPads = new long[4];
        boolean flippable = geo.unitStride() && ctx.isConstant(w) && wDims[1] * group >= FLIP_MIN_CHANNELS;
        for (int i = 0; i < 4 && flippable; i++) {
            flippedPads[i] = geo.dilations()[i % 2] * (geo.kernel()[i % 2] - 1) - geo.pads()[i];
            flippable = flippedPads[i] >= 0;
        }
        if (flippable) {
            String flipped = ctx.constant(new long[] {wDims[1] * group, wDims[0] / group, wDims[2], wDims[3]},
                    flipAndSwap(ctx.constantFloats(w), wDims, (int) group));
            ctx.addGradient(x, ctx.node("Conv", List.of(g, flipped), OnnxProtos.ints("pads", flippedPads),
                    OnnxProtos.ints("dilations", geo.dilations()), OnnxProtos.intAttr("group", group)));
            return;
        }
        ctx.addGradient(x, ctx.node("ConvTranspose", List.of(g, w), OnnxProtos.ints("strides", geo.strides()),
                OnnxProtos.ints("pads", geo.pads()), OnnxProtos.ints("dilations", geo.dilations()),
                OnnxProtos.intAttr("group", group), OnnxProtos.ints("output_padding", geo.outputPadding())));
    }

    /**
     * Weights {@code [m, c/g, kh, kw]} to {@code [c, m/g, kh, kw]}: within each group, input and output channels
     * swapped, and the kernel rotated by 180 degrees.
     */
    static float[] flipAndSwap(float[] w, long[] dims, int group) {
        int m = (int) dims[0];
        int cg = (int) dims[1];
        int kh = (int) dims[2];
        int kw = (int) dims[3];
        int mg = m / group;
        float[] out = new float[w.length];
        for (int gi = 0; gi < group; gi++) {
            for (int mo = 0; mo < mg; mo++) {
                for (int ci = 0; ci < cg; ci++) {
                    int src = ((gi * mg + mo) * cg + ci) * kh * kw;
                    int dst = ((gi * cg + ci) * mg + mo) * kh * kw;
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            out[dst + (kh - 1 - i) * kw + (kw - 1 - j)] = w[src + i * kw + j];
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The adjoint of a transposed convolution is the convolution with the same weights and window. */
    static void convTranspose(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        ActivationRules.requireInactive(n, 1, ctx);
        if (OnnxProtos.intsAttr(n, "output_shape") != null
                || !OnnxProtos.stringAttr(n, "auto_pad", "NOTSET").equals("NOTSET")) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " sets output_shape or auto_pad");
        }
        long[] wDims = ctx.constantDims(n.getInput(1));
        if (wDims == null || wDims.length != 4) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has weights of unknown or non-2-D shape");
        }
        List<onnx.Onnx.AttributeProto> attrs = new ArrayList<>();
        attrs.add(OnnxProtos.ints("kernel_shape", wDims[2], wDims[3]));
        for (String key : List.of("strides", "pads", "dilations")) {
            long[] v = OnnxProtos.intsAttr(n, key);
            if (v != null) {
                attrs.add(OnnxProtos.ints(key, v));
            }
        }
        attrs.add(OnnxProtos.intAttr("group", OnnxProtos.intAttr(n, "group", 1)));
        String x = n.getInput(0);
        ctx.addGradient(x, ctx.node("Conv", List.of(ctx.gradient(n.getOutput(0)), n.getInput(1)),
                attrs.toArray(onnx.Onnx.AttributeProto[]::new)));
    }

    /** Y = alpha * op(A) op(B) + beta * C. */
    static void gemm(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String g = ctx.gradient(n.getOutput(0));
        String a = n.getInput(0);
        String b = n.getInput(1);
        float alpha = OnnxProtos.floatAttr(n, "alpha", 1f);
        long transA = OnnxProtos.intAttr(n, "transA", 0);
        long transB = OnnxProtos.intAttr(n, "transB", 0);
        if (ctx.isActive(a)) {
            ctx.addGradient(a, transA == 0
                    ? ctx.node("Gemm", List.of(g, b), OnnxProtos.floatAttr("alpha", alpha), OnnxProtos.intAttr("transB", 1 - transB))
                    : ctx.node("Gemm", List.of(b, g), OnnxProtos.floatAttr("alpha", alpha), OnnxProtos.intAttr("transA", transB),
                            OnnxProtos.intAttr("transB", 1)));
        }
        if (ctx.isActive(b)) {
            ctx.addGradient(b, transB == 0
                    ? ctx.node("Gemm", List.of(a, g), OnnxProtos.floatAttr("alpha", alpha), OnnxProtos.intAttr("transA", 1 - transA))
                    : ctx.node("Gemm", List.of(g, a), OnnxProtos.floatAttr("alpha", alpha), OnnxProtos.intAttr("transA", 1),
                            OnnxProtos.intAttr("transB", transA)));
        }
        if (n.getInputCount() > 2 && ctx.isActive(n.getInput(2))) {
            float beta = OnnxProtos.floatAttr(n, "beta", 1f);
            String scaled = beta == 1f ? g : ctx.node("Mul", List.of(g, ctx.constant(new long[0], beta)));
            ctx.addGradient(n.getInput(2), ctx.reduceToShape(scaled, ctx.shape(n.getOutput(0)),
                    ctx.shape(n.getInput(2))));
        }
    }

    /** Y = A B with the last two axes as matrices: dA = g B^T, dB = A^T g (summed over broadcast axes). */
    static void matMul(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String g = ctx.gradient(n.getOutput(0));
        String a = n.getInput(0);
        String b = n.getInput(1);
        long[] aShape = ctx.shape(a);
        long[] bShape = ctx.shape(b);
        if (aShape.length < 2 || bShape.length < 2) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " multiplies a vector");
        }
        long[] y = ctx.shape(n.getOutput(0));
        if (ctx.isActive(a)) {
            ctx.addGradient(a, reduceLeading(ctx.node("MatMul", List.of(g, swapLast(b, bShape.length, ctx))), y,
                    aShape, ctx));
        }
        if (ctx.isActive(b)) {
            ctx.addGradient(b, reduceLeading(ctx.node("MatMul", List.of(swapLast(a, aShape.length, ctx), g)), y,
                    bShape, ctx));
        }
    }

    private static String swapLast(String v, int rank, BackwardContext ctx) {
        long[] perm = new long[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        perm[rank - 2] = rank - 1;
        perm[rank - 1] = rank - 2;
        return ctx.node("Transpose", List.of(v), OnnxProtos.ints("perm", perm));
    }

    /** Sums a product over the leading (batch) axes the operand was broadcast along. */
    private static String reduceLeading(String grad, long[] y, long[] operand, BackwardContext ctx)
            throws UnsupportedGradientException {
        if (operand.length != y.length) {
            throw new UnsupportedGradientException("MatMul of a rank-" + operand.length + " operand into rank "
                    + y.length + " is not differentiated");
        }
        long[] full = y.clone();
        full[y.length - 2] = operand[y.length - 2];
        full[y.length - 1] = operand[y.length - 1];
        return ctx.reduceToShape(grad, full, operand);
    }
}
