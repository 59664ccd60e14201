package org.advlens.model.compiled;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max or average 2-D pooling with libnd4j's {@code maxpool2d}/{@code avgpool2d} ops and their {@code _bp}
 * gradients, called with exactly the arguments DL4J's own SubsamplingLayer uses (padding, Same mode, the
 * average's divisor), so ties and borders behave as in DL4J.
 */
final class PoolingStage implements CompiledStage {

    private final boolean max;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final ConvolutionMode mode;
    private final int divisorMode;
    private final boolean nhwc;
    private final boolean helpers;

    PoolingStage(PoolingType type, int[] kernel, int[] stride, int[] padding, int[] dilation, ConvolutionMode mode,
                 boolean avgIncludesPadding, CNN2DFormat format) {
        if (type != PoolingType.MAX && type != PoolingType.AVG) {
            throw new IllegalArgumentException("only MAX and AVG pooling are compiled, got " + type);
        }
        this.max = type == PoolingType.MAX;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.mode = mode;
        // DL4J passes 1 ("divide by the number present") when the legacy include-padding flag is set, else 0.
        this.divisorMode = !max && avgIncludesPadding ? 1 : 0;
        this.nhwc = format == CNN2DFormat.NHWC;
        // oneDNN (nd4j-native 1.0.0-M2.1) silently miscomputes dilated pooling.
        this.helpers = dilation[0] == 1 && dilation[1] == 1;
    }

    boolean isMax() {
        return max;
    }

    @Override
    public INDArray forward(INDArray x, boolean mayOverwrite) {
        CNN2DFormat format = nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
        boolean same = mode == ConvolutionMode.Same;
        int[] outSize = ConvolutionUtils.getOutputSize(x, kernel, stride, same ? null : padding, mode, dilation,
                format);
        long n = x.size(0);
        long c = x.size(nhwc ? 3 : 1);
        INDArray out = Nd4j.createUninitialized(x.dataType(), nhwc
                ? new long[] {n, outSize[0], outSize[1], c} : new long[] {n, c, outSize[0], outSize[1]});
        return NativeOps.exec(max ? "maxpool2d" : "avgpool2d", helpers, out, intArgs(x, outSize), x);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradOut) {
        int[] outSize = {(int) gradOut.size(nhwc ? 1 : 2), (int) gradOut.size(nhwc ? 2 : 3)};
        INDArray gradIn = Nd4j.createUninitialized(x.dataType(), x.shape());
        return NativeOps.exec(max ? "maxpool2d_bp" : "avgpool2d_bp", helpers, gradIn, intArgs(x, outSize), x,
                gradOut);
    }

    private int[] intArgs(INDArray x, int[] outSize) {
        boolean same = mode == ConvolutionMode.Same;
        int[] inSize = {(int) x.size(nhwc ? 1 : 2), (int) x.size(nhwc ? 2 : 3)};
        int[] pad = same ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, kernel, stride, dilation)
                : padding;
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
                same ? 1 : 0, divisorMode, nhwc ? 1 : 0};
    }

    @Override
    public String describe() {
        return (max ? "maxpool " : "avgpool ") + kernel[0] + "x" + kernel[1] + " stride " + stride[0] + "x"
                + stride[1] + " " + mode + (nhwc ? " NHWC" : "");
    }
}
