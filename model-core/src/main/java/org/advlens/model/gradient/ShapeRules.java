package org.advlens.model.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import onnx.Onnx.NodeProto;
import org.advlens.model.onnx.OnnxProtos;

/** Backward rules of ops that move values without computing: reshapes, transposes, concatenation, slicing, pads. */
final class ShapeRules {

    private ShapeRules() {
    }

    static void register(Map<String, BackwardRule> rules) {
        BackwardRule reshapeBack = ShapeRules::reshapeBack;
        for (String op : List.of("Reshape", "Flatten", "Squeeze", "Unsqueeze")) {
            rules.put(op, reshapeBack);
        }
        BackwardRule identity = (n, ctx) -> ctx.addGradient(n.getInput(0), ctx.gradient(n.getOutput(0)));
        rules.put("Identity", identity);
        rules.put("Dropout", ShapeRules::dropout);
        rules.put("Cast", ShapeRules::cast);
        rules.put("Transpose", ShapeRules::transpose);
        rules.put("Concat", ShapeRules::concat);
        rules.put("Split", ShapeRules::split);
        rules.put("Slice", ShapeRules::slice);
        rules.put("Pad", ShapeRules::pad);
    }

    /** The gradient takes the input's runtime shape back. */
    static void reshapeBack(NodeProto n, BackwardContext ctx) {
        String x = n.getInput(0);
        ctx.addGradient(x, ctx.node("Reshape", List.of(ctx.gradient(n.getOutput(0)), ctx.node("Shape", List.of(x)))));
    }

    /** Inference dropout is the identity; a training-mode input makes it random. */
    static void dropout(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            float[] training = ctx.constantFloats(n.getInput(2));
            if (training.length != 1 || training[0] != 0f) {
                throw new UnsupportedGradientException(OnnxProtos.describe(n) + " runs in training mode");
            }
        }
        ctx.addGradient(n.getInput(0), ctx.gradient(n.getOutput(0)));
    }

    static void cast(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        if (OnnxProtos.intAttr(n, "to", 0) != onnx.Onnx.TensorProto.DataType.FLOAT_VALUE) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " casts to a type other than float");
        }
        ctx.addGradient(n.getInput(0), ctx.gradient(n.getOutput(0)));
    }

    static void transpose(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        long[] perm = OnnxProtos.intsAttr(n, "perm");
        if (perm == null) {
            int rank = ctx.shape(n.getInput(0)).length;
            perm = new long[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        long[] inverse = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[(int) perm[i]] = i;
        }
        ctx.addGradient(n.getInput(0), ctx.node("Transpose", List.of(ctx.gradient(n.getOutput(0))),
                OnnxProtos.ints("perm", inverse)));
    }

    private static int axis(NodeProto n, BackwardContext ctx, String value) throws UnsupportedGradientException {
        int rank = ctx.shape(value).length;
        long axis = OnnxProtos.intAttr(n, "axis", 0);
        int a = (int) (axis < 0 ? axis + rank : axis);
        if (a == 0) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " works along the batch axis");
        }
        return a;
    }

    /** Each input's gradient is its slice of the output gradient. */
    static void concat(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String g = ctx.gradient(n.getOutput(0));
        int axis = axis(n, ctx, n.getOutput(0));
        long offset = 0;
        for (String in : n.getInputList()) {
            long size = ctx.shape(in)[axis];
            if (ctx.isActive(in)) {
                ctx.addGradient(in, ctx.node("Slice", List.of(g, ctx.longs(offset), ctx.longs(offset + size),
                        ctx.longs(axis))));
            }
            offset += size;
        }
    }

    /** The outputs' gradients (zeros for unused outputs) concatenated. */
    static void split(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        int axis = axis(n, ctx, n.getInput(0));
        List<String> parts = new ArrayList<>();
        for (String out : n.getOutputList()) {
            parts.add(ctx.gradientOrZeros(out));
        }
        ctx.addGradient(n.getInput(0), ctx.node("Concat", parts, OnnxProtos.intAttr("axis", axis)));
    }

    /** A slice's gradient is the output gradient padded with zeros back to the input's size (unit steps). */
    static void slice(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        if (n.getInputCount() < 3) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " takes its bounds as attributes (opset < 10)");
        }
        for (int i = 1; i < n.getInputCount(); i++) {
            ActivationRules.requireInactive(n, i, ctx);
        }
        long[] in = ctx.shape(n.getInput(0));
        long[] starts = ctx.constantLongs(n.getInput(1));
        long[] ends = ctx.constantLongs(n.getInput(2));
        long[] axes = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? ctx.constantLongs(n.getInput(3)) : null;
        long[] steps = n.getInputCount() > 4 && !n.getInput(4).isEmpty() ? ctx.constantLongs(n.getInput(4)) : null;
        long[] pads = new long[2 * in.length];
        for (int i = 0; i < starts.length; i++) {
            int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + in.length : axes[i]);
            if (steps != null && steps[i] != 1) {
                throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has step " + steps[i]);
            }
            long dim = in[axis];
            long b = clamp(starts[i] < 0 ? starts[i] + dim : starts[i], dim);
            long e = clamp(ends[i] < 0 ? ends[i] + dim : ends[i], dim);
            if (axis == 0 && (b != 0 || e != dim)) {
                throw new UnsupportedGradientException(OnnxProtos.describe(n) + " slices the batch axis");
            }
            pads[axis] = b;
            pads[axis + in.length] = dim - Math.max(b, e);
        }
        ctx.addGradient(n.getInput(0), ctx.node("Pad", List.of(ctx.gradient(n.getOutput(0)), ctx.longs(pads))));
    }

    private static long clamp(long v, long dim) {
        return Math.max(0, Math.min(dim, v));
    }

    /** A constant pad's gradient is the output gradient cut back to the input's extent. */
    static void pad(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String mode = OnnxProtos.stringAttr(n, "mode", "constant");
        if (!mode.equals("constant")) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " pads in mode '" + mode + "'");
        }
        if (n.getInputCount() < 2) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " takes its pads as an attribute (opset < 11)");
        }
        for (int i = 1; i < n.getInputCount(); i++) {
            ActivationRules.requireInactive(n, i, ctx);
        }
        if (n.getInputCount() > 3 && !n.getInput(3).isEmpty()) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " pads selected axes only");
        }
        long[] pads = ctx.constantLongs(n.getInput(1));
        long[] in = ctx.shape(n.getInput(0));
        if (pads.length != 2 * in.length || Arrays.stream(pads).anyMatch(p -> p < 0) || pads[0] != 0
                || pads[in.length] != 0) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has pads " + Arrays.toString(pads)
                    + " (negative, or along the batch axis)");
        }
        int rank = in.length;
        long[] starts = new long[rank - 1];
        long[] ends = new long[rank - 1];
        long[] axes = new long[rank - 1];
        for (int a = 1; a < rank; a++) {
            starts[a - 1] = pads[a];
            ends[a - 1] = pads[a] + in[a];
            axes[a - 1] = a;
        }
        ctx.addGradient(n.getInput(0), ctx.node("Slice", List.of(ctx.gradient(n.getOutput(0)), ctx.longs(starts),
                ctx.longs(ends), ctx.longs(axes))));
    }
}
