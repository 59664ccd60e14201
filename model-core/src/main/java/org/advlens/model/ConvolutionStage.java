package org.advlens.model;

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
 * {@code conv2d} op. Backward computes only the input gradient: one GEMM {@code W^T g} into columns and
 * {@code col2im}, without the weight gradients and without libnd4j's much slower {@code deconv2d}.
 */
final class ConvolutionStage implements CompiledStage {

    private final INDArray weights;
    private final INDArray bias;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final ConvolutionMode mode;
    private final boolean nhwc;

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
    }

    @Override
    public INDArray forward(INDArray x, boolean mayOverwrite) {
        INDArray in = contiguous(x);
        int[] outSize = outputSize(in);
        int[] pad = padding(in, outSize);
        long n = in.size(0);
        long channels = weights.size(0);
        INDArray out = Nd4j.createUninitialized(in.dataType(), nhwc
                ? new long[] {n, outSize[0], outSize[1], channels} : new long[] {n, channels, outSize[0], outSize[1]});
        int[] args = intArgs(pad);
        return bias == null ? NativeOps.exec("conv2d", out, args, in, weights)
                : NativeOps.exec("conv2d", out, args, in, weights, bias);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradOut) {
        return DECONV ? backwardByDeconvolution(x, gradOut) : backwardByColumns(x, gradOut);
    }

    static boolean DECONV = NativeOps.hasOneDnn();

    /**
     * The input gradient as libnd4j's {@code deconv2d} (transposed convolution) without padding, cropped to the
     * input: the padded border's gradient is dropped, and rows or columns the convolution never reached (a stride
     * remainder) get zero.
     */
    private INDArray backwardByDeconvolution(INDArray x, INDArray gradOut) {
        int hDim = nhwc ? 1 : 2;
        int wDim = nhwc ? 2 : 3;
        int h = (int) x.size(hDim);
        int w = (int) x.size(wDim);
        int oh = (int) gradOut.size(hDim);
        int ow = (int) gradOut.size(wDim);
        int fullH = stride[0] * (oh - 1) + (kernel[0] - 1) * dilation[0] + 1;
        int fullW = stride[1] * (ow - 1) + (kernel[1] - 1) * dilation[1] + 1;
        long n = x.size(0);
        long inC = weights.size(1);
        INDArray full = Nd4j.createUninitialized(x.dataType(), nhwc
                ? new long[] {n, fullH, fullW, inC} : new long[] {n, inC, fullH, fullW});
        NativeOps.exec("deconv2d", full, new int[] {kernel[0], kernel[1], stride[0], stride[1], 0, 0, dilation[0],
                dilation[1], 0, nhwc ? 1 : 0, 1}, contiguous(gradOut), weights);
        int[] pad = padding(new int[] {h, w}, new int[] {oh, ow});
        if (pad[0] == 0 && pad[1] == 0 && fullH == h && fullW == w) {
            return full;
        }
        INDArray grad = Nd4j.create(x.dataType(), x.shape());
        int rows = Math.min(h, fullH - pad[0]);
        int cols = Math.min(w, fullW - pad[1]);
        INDArrayIndex all = NDArrayIndex.all();
        INDArrayIndex[] dst = new INDArrayIndex[] {all, all, all, all};
        INDArrayIndex[] src = new INDArrayIndex[] {all, all, all, all};
        dst[hDim] = NDArrayIndex.interval(0, rows);
        dst[wDim] = NDArrayIndex.interval(0, cols);
        src[hDim] = NDArrayIndex.interval(pad[0], pad[0] + rows);
        src[wDim] = NDArrayIndex.interval(pad[1], pad[1] + cols);
        grad.get(dst).assign(full.get(src));
        return grad;
    }

    /** The input gradient as one GEMM {@code W^T g} into im2col-style columns, summed back by {@code col2im}. */
    private INDArray backwardByColumns(INDArray x, INDArray gradOut) {
        long n = x.size(0);
        long outC = weights.size(0);
        long inC = weights.size(1);
        int h = (int) x.size(nhwc ? 1 : 2);
        int w = (int) x.size(nhwc ? 2 : 3);
        int oh = (int) gradOut.size(nhwc ? 1 : 2);
        int ow = (int) gradOut.size(nhwc ? 2 : 3);
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
        int[] pad = padding(new int[] {h, w}, new int[] {oh, ow});
        INDArray image = Nd4j.create(x.dataType(), n, inC, h, w);
        NativeOps.exec("col2im", image, new int[] {stride[0], stride[1], pad[0], pad[1], h, w, dilation[0],
                dilation[1], 0}, columns);
        return nhwc ? image.permute(0, 2, 3, 1).dup('c') : image;
    }

    private int[] intArgs(int[] pad) {
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
                mode == ConvolutionMode.Same ? 1 : 0, nhwc ? 1 : 0, 1};
    }

    private int[] outputSize(INDArray in) {
        return ConvolutionUtils.getOutputSize(in, kernel, stride, mode == ConvolutionMode.Same ? null : padding,
                mode, dilation, nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
    }

    private int[] padding(INDArray in, int[] outSize) {
        return padding(new int[] {(int) in.size(nhwc ? 1 : 2), (int) in.size(nhwc ? 2 : 3)}, outSize);
    }

    private int[] padding(int[] inSize, int[] outSize) {
        return mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, stride, dilation) : padding;
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
