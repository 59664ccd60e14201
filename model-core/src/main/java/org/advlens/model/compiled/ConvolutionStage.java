package org.advlens.model.compiled;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 2-D convolution with DL4J's weights {@code [out, in, kH, kW]} and optional bias {@code [out]}, read from the
 * network's parameter arrays on every call (so in-place parameter changes are seen). Forward is libnd4j's
 * {@code conv2d} op. Backward computes only the input gradient, never the weight gradients:
 * <ul>
 *   <li>by default one GEMM {@code W^T g} into im2col-style columns, summed back into the image by
 *       {@code col2im} (libnd4j's own {@code deconv2d} is 5-10 times slower without oneDNN);</li>
 *   <li>with oneDNN and at least {@value #DECONV_MIN_CHANNELS} input channels, oneDNN's transposed convolution
 *       ({@code deconv2d}), which is faster there, but not for one- or three-channel first layers.</li>
 * </ul>
 */
final class ConvolutionStage implements CompiledStage {

    /** Fewest input channels for which oneDNN's {@code deconv2d} beat the columns (measured: 16 yes, 1 no). */
    static final int DECONV_MIN_CHANNELS = 4;

    private final INDArray weights;
    private final INDArray bias;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final ConvolutionMode mode;
    private final boolean nhwc;
    private final boolean helpers;

    ConvolutionStage(INDArray weights, INDArray bias, int[] kernel, int[] stride, int[] padding, int[] dilation,
                     ConvolutionMode mode, CNN2DFormat format) {
        this.weights = weights;
        this.bias = bias;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.mode = mode;
        this.nhwc = format == CNN2DFormat.NHWC;
        // oneDNN (nd4j-native 1.0.0-M2.1) rejects dilated convolutions.
        this.helpers = dilation[0] == 1 && dilation[1] == 1;
    }

    /** The same convolution with other weights and bias ({@code null}: none), for layer-wise relevance rules. */
    ConvolutionStage withParameters(INDArray newWeights, INDArray newBias) {
        return new ConvolutionStage(newWeights, newBias, kernel, stride, padding, dilation, mode,
                nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
    }

    INDArray weights() {
        return weights;
    }

    INDArray bias() {
        return bias;
    }

    @Override
    public INDArray forward(INDArray x, boolean mayOverwrite) {
        INDArray in = contiguous(x);
        int[] inSize = spatialSize(in);
        int[] outSize = ConvolutionUtils.getOutputSize(in, kernel, stride,
                mode == ConvolutionMode.Same ? null : padding, mode, dilation,
                nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
        long n = in.size(0);
        long channels = weights.size(0);
        INDArray out = Nd4j.createUninitialized(in.dataType(), nhwc
                ? new long[] {n, outSize[0], outSize[1], channels} : new long[] {n, channels, outSize[0], outSize[1]});
        int[] pad = padding(inSize, outSize);
        int[] args = {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
                mode == ConvolutionMode.Same ? 1 : 0, nhwc ? 1 : 0, 1};
        // oneDNN also rejects Same mode whose kernel is smaller than the stride (negative padding).
        boolean useHelpers = helpers && !(mode == ConvolutionMode.Same && negativeSamePadding(inSize, outSize));
        return bias == null ? NativeOps.exec("conv2d", useHelpers, out, args, in, weights)
                : NativeOps.exec("conv2d", useHelpers, out, args, in, weights, bias);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradOut) {
        return NativeOps.ONE_DNN && helpers && weights.size(1) >= DECONV_MIN_CHANNELS
                ? backwardByDeconvolution(x, gradOut) : backwardByColumns(x, gradOut);
    }

    /** The input gradient as one GEMM {@code W^T g} into im2col-style columns, summed back by {@code col2im}. */
    private INDArray backwardByColumns(INDArray x, INDArray gradOut) {
        long n = x.size(0);
        long outC = weights.size(0);
        long inC = weights.size(1);
        int[] inSize = spatialSize(x);
        int[] outSize = spatialSize(gradOut);
        int oh = outSize[0];
        int ow = outSize[1];
        long k = inC * kernel[0] * kernel[1];
        long p = (long) oh * ow;
        INDArray w2 = weights.reshape('c', outC, k);
        INDArray columns;
        if (nhwc) {
            // [n*oh*ow, out] x [out, K] -> [n, oh, ow, in, kH, kW]
            INDArray cols = Nd4j.gemm(contiguous(gradOut).reshape('c', n * p, outC), w2, false, false);
            columns = cols.reshape('c', n, oh, ow, inC, kernel[0], kernel[1]).permute(0, 3, 4, 5, 1, 2);
        } else {
            // [K, out] x [out, n*oh*ow] -> [in, kH, kW, n, oh, ow]
            INDArray g = Nd4j.createUninitialized(gradOut.dataType(), outC, n, oh, ow);
            g.assign(gradOut.permute(1, 0, 2, 3));
            INDArray cols = Nd4j.gemm(w2, g.reshape('c', outC, n * p), true, false);
            columns = cols.reshape('c', inC, kernel[0], kernel[1], n, oh, ow).permute(3, 0, 1, 2, 4, 5);
        }
        int[] pad = padding(inSize, outSize);
        INDArray image = Nd4j.create(x.dataType(), n, inC, inSize[0], inSize[1]);
        NativeOps.exec("col2im", image, new int[] {stride[0], stride[1], pad[0], pad[1], inSize[0], inSize[1],
                dilation[0], dilation[1], 0}, columns);
        return nhwc ? image.permute(0, 2, 3, 1).dup('c') : image;
    }

    /**
     * The input gradient as {@code deconv2d} (transposed convolution) without padding, cropped to the input:
     * the padded border's gradient is dropped, and rows or columns the convolution never reached (a stride
     * remainder) get zero.
     */
    private INDArray backwardByDeconvolution(INDArray x, INDArray gradOut) {
        int[] inSize = spatialSize(x);
        int[] outSize = spatialSize(gradOut);
        int fullH = stride[0] * (outSize[0] - 1) + (kernel[0] - 1) * dilation[0] + 1;
        int fullW = stride[1] * (outSize[1] - 1) + (kernel[1] - 1) * dilation[1] + 1;
        long n = x.size(0);
        long inC = weights.size(1);
        INDArray full = Nd4j.createUninitialized(x.dataType(), nhwc
                ? new long[] {n, fullH, fullW, inC} : new long[] {n, inC, fullH, fullW});
        NativeOps.exec("deconv2d", full, new int[] {kernel[0], kernel[1], stride[0], stride[1], 0, 0, dilation[0],
                dilation[1], 0, nhwc ? 1 : 0, 1}, contiguous(gradOut), weights);
        int[] pad = padding(inSize, outSize);
        if (pad[0] == 0 && pad[1] == 0 && fullH == inSize[0] && fullW == inSize[1]) {
            return full;
        }
        INDArray grad = Nd4j.create(x.dataType(), x.shape());
        int rows = Math.min(inSize[0], fullH - pad[0]);
        int cols = Math.min(inSize[1], fullW - pad[1]);
        INDArrayIndex[] to = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
        INDArrayIndex[] from = to.clone();
        int hDim = nhwc ? 1 : 2;
        to[hDim] = NDArrayIndex.interval(0, rows);
        to[hDim + 1] = NDArrayIndex.interval(0, cols);
        from[hDim] = NDArrayIndex.interval(pad[0], pad[0] + rows);
        from[hDim + 1] = NDArrayIndex.interval(pad[1], pad[1] + cols);
        grad.get(to).assign(full.get(from));
        return grad;
    }

    private int[] spatialSize(INDArray a) {
        return nhwc ? new int[] {(int) a.size(1), (int) a.size(2)} : new int[] {(int) a.size(2), (int) a.size(3)};
    }

    /** DL4J's padding: the configured one, or Same mode's top/left padding. */
    private int[] padding(int[] inSize, int[] outSize) {
        return mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, stride, dilation) : padding;
    }

    private boolean negativeSamePadding(int[] inSize, int[] outSize) {
        for (int d = 0; d < 2; d++) {
            if ((outSize[d] - 1) * stride[d] + (kernel[d] - 1) * dilation[d] + 1 < inSize[d]) {
                return true;
            }
        }
        return false;
    }

    static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    @Override
    public String describe() {
        return "conv " + kernel[0] + "x" + kernel[1] + "x" + weights.size(0) + " stride " + stride[0] + "x" + stride[1]
                + " " + mode + (nhwc ? " NHWC" : "");
    }
}
