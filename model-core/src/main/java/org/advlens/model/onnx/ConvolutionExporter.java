package org.advlens.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import onnx.Onnx.AttributeProto;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ConvolutionLayer} as one ONNX {@code Conv} with its bias (weights {@code [out, in, kH, kW]} as DL4J
 * stores them) followed by its activation, and {@link SubsamplingLayer} MAX or AVG as {@code MaxPool} or
 * {@code AveragePool}. ONNX's max pooling ignores padding like DL4J's; average pooling counts the padding in the
 * divisor exactly when DL4J's legacy {@code avgPoolIncludePadInDivisor} is set. Layers in NHWC format are
 * computed in NCHW between two transposes, which the writer cancels between consecutive NHWC layers.
 */
final class ConvolutionExporter {

    /** NHWC to NCHW and back, as ONNX {@code Transpose} permutations. */
    static final int[] TO_NCHW = {0, 3, 1, 2};
    static final int[] TO_NHWC = {0, 2, 3, 1};

    private ConvolutionExporter() {
    }

    static ExportedValue convolution(OnnxGraphWriter w, ConvolutionLayer c, INDArray weights, INDArray bias,
                                     ExportedValue in) throws OnnxExportException {
        boolean nhwc = c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        ExportedValue x = toNchw(w, in, nhwc);
        if (weights.rank() != 4 || weights.size(1) != x.dim(1)) {
            throw new OnnxExportException("weights " + Arrays.toString(weights.shape())
                    + " do not take the " + x.dim(1) + " channels of " + in);
        }
        SlidingWindow s = window(x, c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(),
                c.getConvolutionMode());
        List<String> inputs = new ArrayList<>(List.of(x.name(), w.parameter("W", weights)));
        if (bias != null) {
            inputs.add(w.parameter("b", bias.reshape(-1)));
        }
        ExportedValue y = w.node("Conv", new long[] {weights.size(0), s.outSize()[0], s.outSize()[1]}, inputs,
                OnnxGraphWriter.ints("kernel_shape", s.kernel()), OnnxGraphWriter.ints("strides", s.stride()),
                OnnxGraphWriter.ints("pads", s.pads()), OnnxGraphWriter.ints("dilations", s.dilation()));
        return fromNchw(w, ActivationExporter.apply(w, c.getActivationFn(), y), nhwc);
    }

    static ExportedValue pooling(OnnxGraphWriter w, SubsamplingLayer p, ExportedValue in)
            throws OnnxExportException {
        boolean nhwc = p.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        ExportedValue x = toNchw(w, in, nhwc);
        SlidingWindow s = window(x, p.getKernelSize(), p.getStride(), p.getPadding(), p.getDilation(),
                p.getConvolutionMode());
        long[] dims = {x.dim(1), s.outSize()[0], s.outSize()[1]};
        List<AttributeProto> attributes = new ArrayList<>(List.of(OnnxGraphWriter.ints("kernel_shape", s.kernel()),
                OnnxGraphWriter.ints("strides", s.stride()), OnnxGraphWriter.ints("pads", s.pads())));
        String op;
        if (p.getPoolingType() == PoolingType.MAX) {
            op = "MaxPool";
            if (s.dilated()) {
                attributes.add(OnnxGraphWriter.ints("dilations", s.dilation()));
            }
        } else if (p.getPoolingType() == PoolingType.AVG) {
            if (s.dilated()) {
                throw new OnnxExportException("dilated average pooling (ONNX AveragePool has no dilation before"
                        + " opset 19)");
            }
            op = "AveragePool";
            attributes.add(OnnxGraphWriter.integer("count_include_pad", p.isAvgPoolIncludePadInDivisor() ? 1 : 0));
        } else {
            throw new OnnxExportException("pooling type " + p.getPoolingType());
        }
        ExportedValue y = w.node(op, dims, List.of(x.name()), attributes.toArray(AttributeProto[]::new));
        return fromNchw(w, y, nhwc);
    }

    private static SlidingWindow window(ExportedValue x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                        ConvolutionMode mode) throws OnnxExportException {
        if (kernel.length != 2 || stride.length != 2 || padding.length != 2 || dilation.length != 2) {
            throw new OnnxExportException("a " + kernel.length + "-D kernel");
        }
        return SlidingWindow.of(x.dim(2), x.dim(3), kernel, stride, padding, dilation, mode);
    }

    /** The input as NCHW; a layer in NHWC format reads its 4-D input as NHWC. */
    static ExportedValue toNchw(OnnxGraphWriter w, ExportedValue in, boolean nhwc) throws OnnxExportException {
        if (in.rank() != 4) {
            throw new OnnxExportException("expects a 4-D input, got " + in);
        }
        return nhwc ? w.transpose(in, TO_NCHW) : in;
    }

    static ExportedValue fromNchw(OnnxGraphWriter w, ExportedValue y, boolean nhwc) {
        return nhwc ? w.transpose(y, TO_NHWC) : y;
    }
}
