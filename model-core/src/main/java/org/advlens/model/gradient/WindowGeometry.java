package org.advlens.model.gradient;

import java.util.Arrays;
import onnx.Onnx.NodeProto;
import org.advlens.model.onnx.OnnxProtos;

/**
 * The sliding-window attributes of a 2-D Conv or pooling node with explicit pads: {@code auto_pad} is resolved
 * from the measured input and output sizes.
 *
 * @param kernel kernel height and width
 * @param strides strides
 * @param dilations dilations
 * @param pads {@code [top, left, bottom, right]}
 * @param in input height and width
 * @param out output height and width
 */
record WindowGeometry(long[] kernel, long[] strides, long[] dilations, long[] pads, long[] in, long[] out) {

    /** Reads the node's attributes; {@code kernel} is given for Conv, whose kernel is the weight's shape. */
    static WindowGeometry of(NodeProto n, long[] kernel, long[] inShape, long[] outShape)
            throws UnsupportedGradientException {
        if (inShape.length != 4) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has a " + (inShape.length - 2)
                    + "-D input; the gradient engine handles 2-D images");
        }
        long[] k = kernel != null ? kernel : OnnxProtos.intsAttr(n, "kernel_shape");
        long[] s = orOnes(OnnxProtos.intsAttr(n, "strides"));
        long[] d = orOnes(OnnxProtos.intsAttr(n, "dilations"));
        long[] in = {inShape[2], inShape[3]};
        long[] out = {outShape[2], outShape[3]};
        String autoPad = OnnxProtos.stringAttr(n, "auto_pad", "NOTSET");
        long[] pads;
        switch (autoPad) {
            case "NOTSET" -> {
                long[] p = OnnxProtos.intsAttr(n, "pads");
                pads = p == null ? new long[4] : p;
            }
            case "VALID" -> pads = new long[4];
            case "SAME_UPPER", "SAME_LOWER" -> {
                pads = new long[4];
                for (int i = 0; i < 2; i++) {
                    long total = Math.max(0, (out[i] - 1) * s[i] + d[i] * (k[i] - 1) + 1 - in[i]);
                    long small = total / 2;
                    pads[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    pads[i + 2] = total - pads[i];
                }
            }
            default -> throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has auto_pad " + autoPad);
        }
        if (k == null || k.length != 2 || s.length != 2 || d.length != 2 || pads.length != 4) {
            throw new UnsupportedGradientException(OnnxProtos.describe(n) + " is not a 2-D window");
        }
        return new WindowGeometry(k, s, d, pads, in, out);
    }

    private static long[] orOnes(long[] v) {
        return v != null ? v : new long[] {1, 1};
    }

    boolean unitStride() {
        return strides[0] == 1 && strides[1] == 1;
    }

    /** The extra rows and columns a transposed convolution needs to give back exactly the input size. */
    long[] outputPadding() throws UnsupportedGradientException {
        long[] op = new long[2];
        for (int i = 0; i < 2; i++) {
            long covered = strides[i] * (out[i] - 1) + dilations[i] * (kernel[i] - 1) + 1 - pads[i] - pads[i + 2];
            op[i] = in[i] - covered;
            if (op[i] < 0 || op[i] >= Math.max(strides[i], dilations[i])) {
                throw new UnsupportedGradientException("window " + this + " cannot be inverted by a transposed"
                        + " convolution (output padding " + op[i] + ")");
            }
        }
        return op;
    }

    @Override
    public String toString() {
        return "kernel " + Arrays.toString(kernel) + ", strides " + Arrays.toString(strides) + ", dilations "
                + Arrays.toString(dilations) + ", pads " + Arrays.toString(pads) + ", " + Arrays.toString(in)
                + " -> " + Arrays.toString(out);
    }
}
