package org.advlens.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One DL4J layer as ONNX nodes, at inference: {@link ConvolutionLayer} and {@link SubsamplingLayer} (through
 * {@link ConvolutionExporter}), {@link DenseLayer} and {@link OutputLayer} as {@code Gemm} with bias,
 * {@link BatchNormalization} with its running statistics, {@link ActivationLayer}, {@link DropoutLayer} (nothing
 * at inference) and {@link GlobalPoolingLayer} AVG or MAX. Exact classes only: a subclass such as
 * {@code Deconvolution2D} computes something else. The layer that gives the logits contributes its
 * pre-activation output.
 */
final class LayerExporter {

    private LayerExporter() {
    }

    /**
     * @param logits whether this is the network's output layer, whose activation (softmax) is left out
     */
    static ExportedValue export(OnnxGraphWriter w, Layer layer, org.deeplearning4j.nn.api.Layer impl,
                                ExportedValue in, boolean logits) throws OnnxExportException {
        Class<?> kind = layer.getClass();
        if (logits && kind != DenseLayer.class && kind != OutputLayer.class) {
            throw new OnnxExportException("the output layer must be a dense or output layer whose pre-activation"
                    + " output is the logits");
        }
        if (kind == DenseLayer.class || kind == OutputLayer.class) {
            return dense(w, (BaseLayer) layer, impl, in, logits);
        }
        if (kind == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            return ConvolutionExporter.convolution(w, c, impl.getParam("W"), c.hasBias() ? impl.getParam("b") : null,
                    in);
        }
        if (kind == SubsamplingLayer.class) {
            return ConvolutionExporter.pooling(w, (SubsamplingLayer) layer, in);
        }
        if (kind == BatchNormalization.class) {
            return batchNorm(w, (BatchNormalization) layer, impl, in);
        }
        if (kind == ActivationLayer.class) {
            return ActivationExporter.apply(w, ((ActivationLayer) layer).getActivationFn(), in);
        }
        if (kind == DropoutLayer.class) {
            return in;
        }
        if (kind == GlobalPoolingLayer.class) {
            return globalPooling(w, (GlobalPoolingLayer) layer, in);
        }
        throw new OnnxExportException("not a supported layer type");
    }

    private static ExportedValue dense(OnnxGraphWriter w, BaseLayer layer, org.deeplearning4j.nn.api.Layer impl,
                                       ExportedValue in, boolean logits) throws OnnxExportException {
        if (layer instanceof DenseLayer d && d.hasLayerNorm()) {
            throw new OnnxExportException("layer normalisation");
        }
        INDArray weights = impl.getParam("W");
        if (in.rank() != 2 || weights.size(0) != in.dim(1)) {
            throw new OnnxExportException("weights " + Arrays.toString(weights.shape()) + " on input " + in);
        }
        boolean bias = layer instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) layer).hasBias();
        List<String> inputs = new ArrayList<>(List.of(in.name(), w.parameter("W", weights)));
        if (bias) {
            inputs.add(w.parameter("b", impl.getParam("b").reshape(-1)));
        }
        ExportedValue z = w.node(bias ? "Gemm" : "MatMul", new long[] {weights.size(1)}, inputs);
        return logits ? z : ActivationExporter.apply(w, layer.getActivationFn(), z);
    }

    /**
     * Inference batch normalisation {@code gamma (x - mean) / sqrt(var + eps) + beta} over the channel axis
     * (the features of a 2-D input). DL4J may store {@code log10} of the standard deviation instead of the
     * variance (its default), and then the variance initializer is derived from it; fixed gamma and beta in the
     * configuration are constants rather than parameters. Like DL4J, the layer's configured activation is not
     * applied.
     */
    private static ExportedValue batchNorm(OnnxGraphWriter w, BatchNormalization b,
                                           org.deeplearning4j.nn.api.Layer impl, ExportedValue in)
            throws OnnxExportException {
        boolean nhwc = b.getCnn2DFormat() == CNN2DFormat.NHWC;
        ExportedValue x = in.rank() == 2 ? in : ConvolutionExporter.toNchw(w, in, nhwc);
        INDArray mean = impl.getParam("mean").reshape(-1);
        long channels = mean.length();
        if (x.dim(1) != channels) {
            throw new OnnxExportException(channels + " channels of statistics for input " + in);
        }
        String variance;
        if (b.isUseLogStd()) {
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(mean.shape(), 10.0, DataType.DOUBLE),
                    impl.getParam("log10stdev").castTo(DataType.DOUBLE).reshape(-1), false);
            variance = w.derived("var", std.mul(std));
        } else {
            variance = w.parameter("var", impl.getParam("var").reshape(-1));
        }
        String gamma = b.isLockGammaBeta()
                ? w.weights("gamma", Nd4j.valueArrayOf(new long[] {channels}, b.getGamma(), DataType.DOUBLE))
                : w.parameter("gamma", impl.getParam("gamma").reshape(-1));
        String beta = b.isLockGammaBeta()
                ? w.weights("beta", Nd4j.valueArrayOf(new long[] {channels}, b.getBeta(), DataType.DOUBLE))
                : w.parameter("beta", impl.getParam("beta").reshape(-1));
        ExportedValue y = w.node("BatchNormalization", x.dims(),
                List.of(x.name(), gamma, beta, w.parameter("mean", mean), variance),
                OnnxGraphWriter.real("epsilon", b.getEps()));
        return in.rank() == 2 ? y : ConvolutionExporter.fromNchw(w, y, nhwc);
    }

    /**
     * Global pooling over the two spatial axes of a 4-D input, {@code [2, 3]} by default or {@code [1, 2]} for
     * NHWC activations; the result is {@code [N, channels]}, or keeps the pooled axes as ones when
     * {@code collapseDimensions} is off.
     */
    private static ExportedValue globalPooling(OnnxGraphWriter w, GlobalPoolingLayer g, ExportedValue in)
            throws OnnxExportException {
        if (in.rank() != 4) {
            throw new OnnxExportException("global pooling of a rank-" + in.rank() + " tensor " + in);
        }
        int[] axes = g.getPoolingDimensions() == null ? new int[] {2, 3} : g.getPoolingDimensions().clone();
        Arrays.sort(axes);
        boolean nhwc = Arrays.equals(axes, new int[] {1, 2});
        if (!nhwc && !Arrays.equals(axes, new int[] {2, 3})) {
            throw new OnnxExportException("global pooling over axes " + Arrays.toString(axes));
        }
        String op = switch (g.getPoolingType()) {
            case AVG -> "GlobalAveragePool";
            case MAX -> "GlobalMaxPool";
            default -> throw new OnnxExportException("global pooling type " + g.getPoolingType());
        };
        ExportedValue x = ConvolutionExporter.toNchw(w, in, nhwc);
        ExportedValue pooled = w.node(op, new long[] {x.dim(1), 1, 1}, List.of(x.name()));
        if (g.isCollapseDimensions()) {
            return w.node("Flatten", new long[] {x.dim(1)}, List.of(pooled.name()),
                    OnnxGraphWriter.integer("axis", 1));
        }
        return ConvolutionExporter.fromNchw(w, pooled, nhwc);
    }
}
