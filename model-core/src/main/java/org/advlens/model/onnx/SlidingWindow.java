package org.advlens.model.onnx;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * Where a DL4J convolution or pooling window goes over a {@code h x w} input, as ONNX attributes: the output
 * size and the padding {@code [top, left, bottom, right]}.
 *
 * <p>Truncate and Strict mode pad the configured amount on both sides and drop a remainder (Strict has been
 * checked by DL4J to leave none). Same mode outputs {@code ceil(in / stride)} and pads
 * {@code total = (out - 1) * stride + effectiveKernel - in} in all, {@code total / 2} (Java's integer division)
 * on the top or left and the rest on the bottom or right, so an odd total pads one more at the bottom/right, as
 * DL4J's {@code ConvolutionUtils.getSameModeTopLeftPadding} does. A negative bottom total (kernel smaller than
 * the stride) leaves input rows unused, which zero padding gives too; a negative top, which DL4J itself rejects
 * when it runs, is refused.
 */
record SlidingWindow(long[] kernel, long[] stride, long[] dilation, long[] pads, long[] outSize) {

    static SlidingWindow of(long h, long w, int[] kernel, int[] stride, int[] padding, int[] dilation,
                            ConvolutionMode mode) throws OnnxExportException {
        if (mode != ConvolutionMode.Same && mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict) {
            throw new OnnxExportException("convolution mode " + mode);
        }
        long[] in = {h, w};
        long[] pads = new long[4];
        long[] out = new long[2];
        for (int d = 0; d < 2; d++) {
            long effective = (long) (kernel[d] - 1) * dilation[d] + 1;
            if (mode == ConvolutionMode.Same) {
                out[d] = (in[d] + stride[d] - 1) / stride[d];
                long total = (out[d] - 1) * stride[d] + effective - in[d];
                long top = total / 2;
                if (top < 0) {
                    throw new OnnxExportException("Same mode with kernel " + Arrays.toString(kernel) + ", stride "
                            + Arrays.toString(stride) + " on " + h + "x" + w + " starts past the first row or column");
                }
                pads[d] = top;
                pads[d + 2] = Math.max(0, total - top);
            } else {
                pads[d] = padding[d];
                pads[d + 2] = padding[d];
                out[d] = (in[d] + 2L * padding[d] - effective) / stride[d] + 1;
            }
            long reached = (in[d] + pads[d] + pads[d + 2] - effective) / stride[d] + 1;
            if (out[d] < 1 || reached != out[d]) {
                throw new OnnxExportException("kernel " + Arrays.toString(kernel) + ", stride "
                        + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ", dilation "
                        + Arrays.toString(dilation) + " in " + mode + " mode does not fit a " + h + "x" + w + " input");
            }
        }
        return new SlidingWindow(toLongs(kernel), toLongs(stride), toLongs(dilation), pads, out);
    }

    boolean dilated() {
        return dilation[0] != 1 || dilation[1] != 1;
    }

    private static long[] toLongs(int[] v) {
        return Arrays.stream(v).asLongStream().toArray();
    }
}
