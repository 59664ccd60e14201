package org.advlens.model.gradient;

import java.util.List;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;
import org.advlens.model.onnx.OnnxProtos;

/** Backward rules of max, average and global pooling. */
final class PoolingRules {

    private PoolingRules() {
    }

    static void register(Map<String, BackwardRule> rules) {
        rules.put("MaxPool", PoolingRules::maxPool);
        rules.put("AveragePool", PoolingRules::averagePool);
        rules.put("GlobalAveragePool", PoolingRules::globalAveragePool);
        rules.put("GlobalMaxPool", PoolingRules::globalMaxPool);
    }

    /**
     * Each window's gradient goes to the element that was its maximum (the first one on ties, as in PyTorch),
     * summed where windows overlap: the pooling runs again with its indices, and the output gradient is put back
     * at them, by MaxUnpool when the windows are disjoint and by a scatter-add when they overlap.
     */
    static void maxPool(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        if (OnnxProtos.intAttr(n, "storage_order", 0) != 0) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " uses column-major indices");
        }
        String x = n.getInput(0);
        WindowGeometry geo = WindowGeometry.of(n, null, ctx.shape(x), ctx.shape(n.getOutput(0)));
        String values = ctx.fresh("maxpool_values");
        String indices = ctx.fresh("maxpool_indices");
        ctx.emit("MaxPool", List.of(x), List.of(values, indices), n.getAttributeList().toArray(AttributeProto[]::new));
        if (disjoint(geo)) {
            // no element is in two windows: MaxUnpool puts each gradient at its index (measured 2 ms faster than
            // the scatter-add on the bundled CNN, batch 100)
            ctx.addGradient(x, ctx.node("MaxUnpool", List.of(ctx.gradient(n.getOutput(0)), indices,
                    ctx.node("Shape", List.of(x))), OnnxProtos.ints("kernel_shape", geo.kernel()),
                    OnnxProtos.ints("strides", geo.strides()), OnnxProtos.ints("pads", geo.pads())));
            return;
        }
        String flat = ctx.longs(-1);
        String zeros = ctx.node("ConstantOfShape", List.of(ctx.node("Reshape", List.of(ctx.node("Size", List.of(x)),
                ctx.longs(1)))), zeroValue());
        String scattered = ctx.node("ScatterElements", List.of(zeros, ctx.node("Reshape", List.of(indices, flat)),
                ctx.node("Reshape", List.of(ctx.gradient(n.getOutput(0)), flat))), OnnxProtos.intAttr("axis", 0),
                OnnxProtos.stringAttr("reduction", "add"));
        ctx.addGradient(x, ctx.node("Reshape", List.of(scattered, ctx.node("Shape", List.of(x)))));
    }

    /**
     * Whether no input element lies in two windows (steps at least the kernel, no dilation) and no window reaches
     * past the padded input (as {@code ceil_mode} windows can), the two conditions of MaxUnpool.
     */
    static boolean disjoint(WindowGeometry geo) {
        for (int i = 0; i < 2; i++) {
            long reach = (geo.out()[i] - 1) * geo.strides()[i] + geo.kernel()[i] - geo.pads()[i] - geo.pads()[i + 2];
            if (geo.strides()[i] < geo.kernel()[i] || geo.dilations()[i] != 1 || reach > geo.in()[i]) {
                return false;
            }
        }
        return true;
    }

    static AttributeProto zeroValue() {
        return AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                .setT(OnnxProtos.floatTensor("zero", new long[] {1}, new float[] {0f})).build();
    }

    /**
     * The output gradient divided by each window's divisor, spread evenly over the window by a depthwise
     * transposed convolution with a kernel of ones.
     */
    static void averagePool(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String x = n.getInput(0);
        long[] xs = ctx.shape(x);
        WindowGeometry geo = WindowGeometry.of(n, null, xs, ctx.shape(n.getOutput(0)));
        boolean includePad = OnnxProtos.intAttr(n, "count_include_pad", 0) != 0;
        long[] divisors = new long[(int) (geo.out()[0] * geo.out()[1])];
        boolean uniform = true;
        for (int oh = 0; oh < geo.out()[0]; oh++) {
            for (int ow = 0; ow < geo.out()[1]; ow++) {
                long h = count(oh, 0, geo, includePad);
                long w = count(ow, 1, geo, includePad);
                divisors[(int) (oh * geo.out()[1] + ow)] = h * w;
                uniform &= h * w == geo.kernel()[0] * geo.kernel()[1];
            }
        }
        if (includePad && !uniform) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has windows past the padding (ceil_mode)");
        }
        if (geo.dilations()[0] != 1 || geo.dilations()[1] != 1) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " is dilated");
        }
        String g = ctx.gradient(n.getOutput(0));
        float[] inverse = new float[divisors.length];
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = 1f / divisors[i];
        }
        String scaled = ctx.node("Mul", List.of(g, ctx.constant(new long[] {1, 1, geo.out()[0], geo.out()[1]},
                inverse)));
        long channels = xs[1];
        float[] ones = new float[(int) (channels * geo.kernel()[0] * geo.kernel()[1])];
        java.util.Arrays.fill(ones, 1f);
        String kernel = ctx.constant(new long[] {channels, 1, geo.kernel()[0], geo.kernel()[1]}, ones);
        long[] outputPadding = new long[2];
        for (int i = 0; i < 2; i++) {
            long covered = geo.strides()[i] * (geo.out()[i] - 1) + geo.kernel()[i] - geo.pads()[i] - geo.pads()[i + 2];
            outputPadding[i] = geo.in()[i] - covered;
        }
        long[] pads = geo.pads().clone();
        for (int i = 0; i < 2; i++) {
            // ceil_mode windows can reach past the end padding: give the transposed convolution the rows it
            // produces there, then drop them
            if (outputPadding[i] < 0) {
                pads[i + 2] -= outputPadding[i];
                outputPadding[i] = 0;
            }
            if (outputPadding[i] >= geo.strides()[i]) {
                throw new UnsupportedGradientException(OnnxProtos.describe(n) + " leaves input rows outside every window");
            }
        }
        ctx.addGradient(x, ctx.node("ConvTranspose", List.of(scaled, kernel), OnnxProtos.ints("strides", geo.strides()),
                OnnxProtos.ints("pads", pads), OnnxProtos.intAttr("group", channels),
                OnnxProtos.ints("output_padding", outputPadding)));
    }

    /** How many input rows (axis 0) or columns (axis 1) window {@code o} averages over. */
    private static long count(int o, int axis, WindowGeometry geo, boolean includePad) {
        long start = o * geo.strides()[axis] - geo.pads()[axis];
        long end = start + geo.kernel()[axis];
        long lo = includePad ? -geo.pads()[axis] : 0;
        long hi = geo.in()[axis] + (includePad ? geo.pads()[axis + 2] : 0);
        return Math.max(0, Math.min(end, hi) - Math.max(start, lo));
    }

    /** dx = g / (h * w), the same for every pixel of a channel. */
    static void globalAveragePool(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String x = n.getInput(0);
        long[] s = ctx.shape(x);
        long area = 1;
        for (int i = 2; i < s.length; i++) {
            area *= s[i];
        }
        String scaled = ctx.node("Mul", List.of(ctx.gradient(n.getOutput(0)), ctx.constant(new long[0], 1f / area)));
        ctx.addGradient(x, ctx.node("Expand", List.of(scaled, ctx.node("Shape", List.of(x)))));
    }

    /** dx = g at the maximum of each channel (at every one of them on exact ties). */
    static void globalMaxPool(NodeProto n, BackwardContext ctx) {
        String x = n.getInput(0);
        String y = n.getOutput(0);
        String isMax = ctx.node("Equal", List.of(x, y));
        String spread = ctx.node("Expand", List.of(ctx.gradient(y), ctx.node("Shape", List.of(x))));
        ctx.addGradient(x, ctx.node("Where", List.of(isMax, spread, ctx.constant(new long[0], 0f))));
    }
}
