package org.advlens.model.onnx;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * 2-D convolutions and pooling on NCHW data: Conv (groups, pads, strides, dilations, auto_pad), ConvTranspose,
 * MaxPool and AveragePool (pads, ceil_mode, count_include_pad), GlobalAveragePool and GlobalMaxPool.
 *
 * <p>Convolution weights are permuted from ONNX's {@code [out, in, kh, kw]} to SameDiff's default
 * {@code [kh, kw, in, out]}: SameDiff's conv2d backward pass fails with weights in the ONNX layout (1.0.0-M2.1).
 * Padding that libnd4j cannot express (different before and after, or ceil_mode) becomes an explicit Pad.
 */
final class ConvolutionOps {

    private ConvolutionOps() {
    }

    static void register(Map<String, OpTranslator> ops) {
        ops.put("Conv", ConvolutionOps::conv);
        ops.put("ConvTranspose", ConvolutionOps::convTranspose);
        ops.put("MaxPool", (n, c) -> pool(n, c, true));
        ops.put("AveragePool", (n, c) -> pool(n, c, false));
        ops.put("GlobalAveragePool", (n, c) -> globalPool(n, c, false));
        ops.put("GlobalMaxPool", (n, c) -> globalPool(n, c, true));
    }

    /**
     * The sliding window of one conv or pooling node over input {@code [n, c, h, w]}: {@code pads} is
     * {@code [top, left, bottom, right]} and {@code out} the output height and width.
     */
    private record Window(long[] kernel, long[] strides, long[] dilations, long[] pads, long[] out) {

        long effective(int axis) {
            return dilations[axis] * (kernel[axis] - 1) + 1;
        }

        boolean symmetric() {
            return pads[0] == pads[2] && pads[1] == pads[3];
        }
    }

    private static Window window(OnnxNode node, long[] in, long[] kernel, boolean ceil) throws OnnxImportException {
        long[] strides = node.intsAttribute("strides", new long[] {1, 1});
        long[] dilations = node.intsAttribute("dilations", new long[] {1, 1});
        long[] pads = node.intsAttribute("pads", new long[] {0, 0, 0, 0});
        if (kernel.length != 2 || strides.length != 2 || dilations.length != 2 || pads.length != 4) {
            throw new OnnxImportException(node.describe() + ": only 2-D windows are supported (kernel "
                    + Arrays.toString(kernel) + ")");
        }
        long[] ek = {dilations[0] * (kernel[0] - 1) + 1, dilations[1] * (kernel[1] - 1) + 1};
        String autoPad = node.stringAttribute("auto_pad", "NOTSET");
        long[] out = new long[2];
        switch (autoPad) {
            case "NOTSET", "" -> {
                for (int a = 0; a < 2; a++) {
                    long span = in[a + 2] + pads[a] + pads[a + 2] - ek[a];
                    out[a] = (ceil ? Math.floorDiv(span + strides[a] - 1, strides[a]) : Math.floorDiv(span, strides[a]))
                            + 1;
                    if (ceil && (out[a] - 1) * strides[a] >= in[a + 2] + pads[a]) {
                        out[a]--; // PyTorch and ONNX Runtime: the last window must start inside the input
                    }
                }
            }
            case "VALID" -> {
                pads = new long[4];
                for (int a = 0; a < 2; a++) {
                    out[a] = (in[a + 2] - ek[a]) / strides[a] + 1;
                }
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                pads = new long[4];
                for (int a = 0; a < 2; a++) {
                    out[a] = (in[a + 2] + strides[a] - 1) / strides[a];
                    long total = Math.max(0, (out[a] - 1) * strides[a] + ek[a] - in[a + 2]);
                    long small = total / 2;
                    pads[a] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    pads[a + 2] = total - pads[a];
                }
            }
            default -> throw new OnnxImportException(node.describe() + ": auto_pad '" + autoPad + "' is unknown");
        }
        if (out[0] < 1 || out[1] < 1) {
            throw new OnnxImportException(node.describe() + ": the window does not fit input "
                    + ImportContext.shapeText(in));
        }
        return new Window(kernel, strides, dilations, pads, out);
    }

    private static ImportedValue image(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue x = ctx.traced(node, 0);
        if (x.rank() != 4) {
            throw new OnnxImportException(node.describe() + ": only 2-D (NCHW) inputs are supported, got "
                    + ImportContext.shapeText(x.shape()));
        }
        return x;
    }

    private static void conv(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue x = image(node, ctx);
        FoldedTensor wt = ctx.folded(node, 1, "weight");
        long[] ws = wt.shape();
        long[] in = x.shape();
        long groups = node.intAttribute("group", 1);
        if (ws.length != 4 || ws[1] * groups != in[1] || ws[0] % groups != 0) {
            throw new OnnxImportException(node.describe() + ": weight " + Arrays.toString(ws) + " with " + groups
                    + " groups does not fit input " + ImportContext.shapeText(in));
        }
        Window win = window(node, in, new long[] {ws[2], ws[3]}, false);
        SDVariable input = x.variable();
        long[] pads = win.pads();
        if (!win.symmetric()) {
            input = ShapeOps.padSpatial(ctx, input, pads, 0);
            pads = new long[4];
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(ws[2]).kW(ws[3]).sH(win.strides()[0]).sW(win.strides()[1])
                .pH(pads[0]).pW(pads[1]).dH(win.dilations()[0]).dW(win.dilations()[1])
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        INDArray w = wt.toArray(ctx.dataType());
        INDArray b = ctx.hasInput(node, 2) ? ctx.folded(node, 2, "bias").toArray(ctx.dataType()) : null;
        String name = node.input(1);
        SDVariable y;
        if (groups == 1) {
            y = ctx.sd().cnn().conv2d(input, ctx.weight(name, w.permute(2, 3, 1, 0).dup('c')),
                    b == null ? null : ctx.weight(node.input(2), b), cfg);
        } else if (groups == in[1] && ws[1] == 1) {
            long multiplier = ws[0] / groups;
            INDArray dw = w.reshape('c', groups, multiplier, ws[2], ws[3]).permute(2, 3, 0, 1).dup('c');
            y = ctx.sd().cnn().depthWiseConv2d(input, ctx.weight(name, dw),
                    b == null ? null : ctx.weight(node.input(2), b), cfg);
        } else {
            SDVariable[] parts = ctx.sd().split(input, (int) groups, 1);
            SDVariable[] outs = new SDVariable[(int) groups];
            long per = ws[0] / groups;
            for (int g = 0; g < groups; g++) {
                INDArray wg = w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(g * per, (g + 1) * per))
                        .permute(2, 3, 1, 0).dup('c');
                INDArray bg = b == null ? null
                        : b.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(g * per, (g + 1) * per)).dup();
                outs[g] = ctx.sd().cnn().conv2d(parts[g], ctx.weight(name + "_g" + g, wg),
                        bg == null ? null : ctx.weight(node.input(2) + "_g" + g, bg), cfg);
            }
            y = ctx.sd().concat(1, outs);
        }
        ctx.output(node, 0, y, new long[] {-1, ws[0], win.out()[0], win.out()[1]});
    }

    private static void convTranspose(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue x = image(node, ctx);
        FoldedTensor wt = ctx.folded(node, 1, "weight");
        long[] ws = wt.shape();
        long[] in = x.shape();
        if (node.intAttribute("group", 1) != 1 || ws.length != 4 || ws[0] != in[1]) {
            throw new OnnxImportException(node.describe() + ": only ungrouped 2-D transposed convolutions are"
                    + " supported; weight " + Arrays.toString(ws) + " and input " + ImportContext.shapeText(in));
        }
        long[] strides = node.intsAttribute("strides", new long[] {1, 1});
        long[] dilations = node.intsAttribute("dilations", new long[] {1, 1});
        long[] pads = node.intsAttribute("pads", new long[] {0, 0, 0, 0});
        long[] outputPadding = node.intsAttribute("output_padding", new long[] {0, 0});
        long[] outputShape = node.intsAttribute("output_shape", null);
        String autoPad = node.stringAttribute("auto_pad", "NOTSET");
        long[] full = new long[2];
        long[] out = new long[2];
        for (int a = 0; a < 2; a++) {
            long ek = dilations[a] * (ws[a + 2] - 1) + 1;
            full[a] = strides[a] * (in[a + 2] - 1) + ek;
            if (outputShape != null) {
                out[a] = outputShape[outputShape.length - 2 + a];
            } else if (autoPad.startsWith("SAME")) {
                out[a] = in[a + 2] * strides[a];
            } else {
                out[a] = full[a] + outputPadding[a] - pads[a] - pads[a + 2];
            }
            if (outputShape != null || autoPad.startsWith("SAME")) {
                long total = full[a] + outputPadding[a] - out[a];
                long small = total / 2;
                pads[a] = autoPad.equals("SAME_LOWER") ? total - small : small;
                pads[a + 2] = total - pads[a];
            }
        }
        // Full transposed convolution without padding, then zeros for output_padding, then the crop ONNX's pads ask.
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(ws[2]).kW(ws[3]).sH(strides[0]).sW(strides[1])
                .pH(0).pW(0).dH(dilations[0]).dW(dilations[1]).isSameMode(false).dataFormat("NCHW").build();
        INDArray w = wt.toArray(ctx.dataType()).permute(2, 3, 1, 0).dup('c');
        SDVariable y = ctx.sd().cnn().deconv2d(x.variable(), ctx.weight(node.input(1), w), cfg);
        long extraH = Math.max(0, pads[0] + out[0] - full[0]);
        long extraW = Math.max(0, pads[1] + out[1] - full[1]);
        if (extraH > 0 || extraW > 0) {
            y = ShapeOps.padSpatial(ctx, y, new long[] {0, 0, extraH, extraW}, 0);
        }
        if (pads[0] > 0 || pads[1] > 0 || full[0] + extraH > pads[0] + out[0] || full[1] + extraW > pads[1] + out[1]) {
            y = ctx.sd().stridedSlice(y, new long[] {0, 0, pads[0], pads[1]},
                    new long[] {0, 0, pads[0] + out[0], pads[1] + out[1]}, new long[] {1, 1, 1, 1}, 3, 3, 0, 0, 0);
        }
        if (ctx.hasInput(node, 2)) {
            FoldedTensor b = ctx.folded(node, 2, "bias");
            y = y.add(ctx.weight(node.input(2), b.withShape(new long[] {1, ws[1], 1, 1}).toArray(ctx.dataType())));
        }
        ctx.output(node, 0, y, new long[] {-1, ws[1], out[0], out[1]});
    }

    private static void pool(OnnxNode node, ImportContext ctx, boolean max) throws OnnxImportException {
        ImportedValue x = image(node, ctx);
        long[] kernel = node.intsAttribute("kernel_shape", null);
        if (kernel == null) {
            throw new OnnxImportException(node.describe() + " has no kernel_shape");
        }
        if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty()) {
            throw new OnnxImportException(node.describe() + ": the Indices output is not supported");
        }
        boolean ceil = node.intAttribute("ceil_mode", 0) != 0;
        boolean includePad = node.intAttribute("count_include_pad", 0) != 0;
        long[] in = x.shape();
        Window win = window(node, in, kernel, ceil);
        long[] pads = win.pads();
        long[] padded = {(win.out()[0] - 1) * win.strides()[0] + win.effective(0),
            (win.out()[1] - 1) * win.strides()[1] + win.effective(1)};
        boolean native2d = win.symmetric() && padded[0] <= in[2] + pads[0] + pads[2]
                && padded[1] <= in[3] + pads[1] + pads[3];
        SDVariable input = x.variable();
        long pH = pads[0];
        long pW = pads[1];
        if (!native2d) {
            long[] explicit = {pads[0], pads[1], Math.max(pads[2], padded[0] - in[2] - pads[0]),
                Math.max(pads[3], padded[1] - in[3] - pads[1])};
            input = ShapeOps.padSpatial(ctx, input, explicit, max ? -Float.MAX_VALUE : 0);
            pH = 0;
            pW = 0;
        }
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(kernel[0]).kW(kernel[1]).sH(win.strides()[0])
                .sW(win.strides()[1]).pH(pH).pW(pW).dH(win.dilations()[0]).dW(win.dilations()[1])
                .type(max ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
                .divisor(includePad || !native2d ? Pooling2D.Divisor.INCLUDE_PADDING
                        : Pooling2D.Divisor.EXCLUDE_PADDING)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build();
        SDVariable y = max ? ctx.sd().cnn().maxPooling2d(input, cfg) : ctx.sd().cnn().avgPooling2d(input, cfg);
        if (!max && !native2d) {
            INDArray factor = averageCorrection(win, in, includePad);
            if (factor != null) {
                y = y.mul(ctx.weight(node.name() + "_divisor", factor.castTo(ctx.dataType())));
            }
        }
        ctx.output(node, 0, y, new long[] {-1, in[1], win.out()[0], win.out()[1]});
    }

    /**
     * For an average pool run over explicitly padded input (which divides by the full window), the factor
     * {@code window size / cells counted} per output position that ONNX's divisor asks for: cells of the input,
     * plus the declared pads when {@code count_include_pad}, never the extra cells ceil_mode adds. {@code null}
     * when every factor is 1.
     */
    private static INDArray averageCorrection(Window win, long[] in, boolean includePad) {
        long[][] counts = new long[2][];
        boolean trivial = true;
        for (int a = 0; a < 2; a++) {
            long lo = includePad ? -win.pads()[a] : 0;
            long hi = includePad ? in[a + 2] + win.pads()[a + 2] : in[a + 2];
            counts[a] = new long[(int) win.out()[a]];
            for (int i = 0; i < counts[a].length; i++) {
                long start = i * win.strides()[a] - win.pads()[a];
                long n = 0;
                for (long k = 0; k < win.kernel()[a]; k++) {
                    long p = start + k * win.dilations()[a];
                    n += p >= lo && p < hi ? 1 : 0;
                }
                counts[a][i] = n;
                trivial &= n == win.kernel()[a];
            }
        }
        if (trivial) {
            return null;
        }
        double[] f = new double[counts[0].length * counts[1].length];
        for (int i = 0; i < counts[0].length; i++) {
            for (int j = 0; j < counts[1].length; j++) {
                f[i * counts[1].length + j] = (double) (win.kernel()[0] * win.kernel()[1])
                        / Math.max(1, counts[0][i] * counts[1][j]);
            }
        }
        return org.nd4j.linalg.factory.Nd4j.create(f, new long[] {1, 1, counts[0].length, counts[1].length}, 'c');
    }

    private static void globalPool(OnnxNode node, ImportContext ctx, boolean max) throws OnnxImportException {
        ImportedValue x = ctx.traced(node, 0);
        int rank = x.rank();
        if (rank < 3) {
            throw new OnnxImportException(node.describe() + ": needs an input with spatial dimensions, got "
                    + ImportContext.shapeText(x.shape()));
        }
        int[] dims = new int[rank - 2];
        long[] out = x.shape();
        for (int i = 2; i < rank; i++) {
            dims[i - 2] = i;
            out[i] = 1;
        }
        SDVariable y = max ? ctx.sd().max(x.variable(), true, dims) : ctx.sd().mean(x.variable(), true, dims);
        ctx.output(node, 0, y, out);
    }
}
