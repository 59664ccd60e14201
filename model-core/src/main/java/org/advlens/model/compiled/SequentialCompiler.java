package org.advlens.model.compiled;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Translates a {@link MultiLayerNetwork} into {@link CompiledStage}s, layer by layer, or says which layer it
 * cannot translate. Supported: {@link ConvolutionLayer} (any kernel, stride, padding, dilation; Truncate, Strict
 * or Same mode; NCHW or NHWC), {@link SubsamplingLayer} MAX and AVG, {@link DenseLayer} without layer norm,
 * {@link BatchNormalization} with learned gamma and beta, {@link ActivationLayer}, {@link DropoutLayer} (identity
 * at inference), and the CNN/feed-forward reshaping pre-processors. The last layer must be a {@link DenseLayer}
 * or {@link OutputLayer}; its pre-activation output is the logits, as in {@link org.advlens.model.LogitHead}. Exact classes only:
 * subclasses such as {@code Convolution1DLayer} or {@code Deconvolution2D} compute something else.
 */
final class SequentialCompiler {

    private SequentialCompiler() {
    }

    /** The stages, or the reason the network cannot be compiled. */
    record Result(List<CompiledStage> stages, String unsupported, List<Integer> layers) {

        static Result failure(String reason) {
            return new Result(null, reason, null);
        }

        boolean ok() {
            return stages != null;
        }
    }

    static Result compile(MultiLayerNetwork net) {
        Result r = inLayerOrder(net);
        return r.ok() ? new Result(List.copyOf(reluAfterMaxPool(r.stages())), null, null) : r;
    }

    /**
     * The stages in the network's own order, without {@link #reluAfterMaxPool}, with the index of the DL4J layer
     * each stage belongs to in {@link Result#layers()} (a pre-processor belongs to the layer it feeds).
     */
    static Result inLayerOrder(MultiLayerNetwork net) {
        DataType type = net.params() == null ? null : net.params().dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return Result.failure("parameters of type " + type);
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int count = conf.getConfs().size();
        List<CompiledStage> stages = new ArrayList<>();
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                CompiledStage s = preProcessor(pre);
                if (s == null) {
                    return Result.failure("pre-processor " + pre.getClass().getSimpleName() + " before layer " + i);
                }
                stages.add(s);
            }
            Layer layer = conf.getConf(i).getLayer();
            boolean last = i == count - 1;
            String problem = addLayer(layer, net.getLayer(i), last, stages);
            if (problem != null) {
                return Result.failure("layer " + i + " (" + layer.getClass().getSimpleName() + "): " + problem);
            }
            while (layers.size() < stages.size()) {
                layers.add(i);
            }
        }
        return new Result(List.copyOf(stages), null, List.copyOf(layers));
    }

    /**
     * Moves each ReLU that feeds a max pooling to after it. {@code maxpool(relu(x)) = relu(maxpool(x))} because
     * ReLU is monotone, and the gradient is the same (the window's argmax gets {@code relu'} of the maximum, the
     * others nothing; where the maximum is not positive both give zero), but the ReLU then runs on the pooled,
     * smaller activations.
     */
    static List<CompiledStage> reluAfterMaxPool(List<CompiledStage> stages) {
        List<CompiledStage> out = new ArrayList<>(stages);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i) instanceof ActivationStage a && a.isPlainRelu()
                    && out.get(i + 1) instanceof PoolingStage p && p.isMax()) {
                out.set(i, p);
                out.set(i + 1, a);
                i++;
            }
        }
        return out;
    }

    private static CompiledStage preProcessor(InputPreProcessor pre) {
        if (pre.getClass() == CnnToFeedForwardPreProcessor.class) {
            return ReshapeStage.flatten();
        }
        if (pre.getClass() == FeedForwardToCnnPreProcessor.class) {
            FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) pre;
            return ReshapeStage.toImage(p.getNumChannels(), p.getInputHeight(), p.getInputWidth());
        }
        return null;
    }

    /** Appends the layer's stages; returns why it cannot, or {@code null}. */
    private static String addLayer(Layer layer, org.deeplearning4j.nn.api.Layer impl, boolean last,
                                   List<CompiledStage> stages) {
        Class<?> kind = layer.getClass();
        if (last && kind != DenseLayer.class && kind != OutputLayer.class) {
            return "the last layer must be a dense or output layer whose pre-activation output is the logits";
        }
        if (kind == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            if (c.getConvolutionMode() == ConvolutionMode.Causal) {
                return "causal convolution mode";
            }
            if (!ActivationStage.supports(c.getActivationFn())) {
                return "activation " + c.getActivationFn();
            }
            stages.add(new ConvolutionStage(impl.getParam("W"), c.hasBias() ? impl.getParam("b") : null,
                    c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(), mode(c.getConvolutionMode()),
                    c.getCnn2dDataFormat()));
            addActivation(c.getActivationFn(), stages);
            return null;
        }
        if (kind == SubsamplingLayer.class) {
            SubsamplingLayer s = (SubsamplingLayer) layer;
            if (s.getConvolutionMode() == ConvolutionMode.Causal) {
                return "causal convolution mode";
            }
            if (s.getPoolingType() != PoolingType.MAX && s.getPoolingType() != PoolingType.AVG) {
                return "pooling type " + s.getPoolingType();
            }
            stages.add(new PoolingStage(s.getPoolingType(), s.getKernelSize(), s.getStride(), s.getPadding(),
                    s.getDilation(), mode(s.getConvolutionMode()), s.isAvgPoolIncludePadInDivisor(),
                    s.getCnn2dDataFormat()));
            return null;
        }
        if (kind == DenseLayer.class || kind == OutputLayer.class) {
            boolean bias = layer instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) layer).hasBias();
            if (layer instanceof DenseLayer d && d.hasLayerNorm()) {
                return "layer normalisation";
            }
            IActivation a = ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer).getActivationFn();
            if (!last && !ActivationStage.supports(a)) {
                return "activation " + a;
            }
            stages.add(new DenseStage(impl.getParam("W"), bias ? impl.getParam("b") : null));
            if (!last) {
                addActivation(a, stages);
            }
            return null;
        }
        if (kind == ActivationLayer.class) {
            IActivation a = ((ActivationLayer) layer).getActivationFn();
            if (!ActivationStage.supports(a)) {
                return "activation " + a;
            }
            addActivation(a, stages);
            return null;
        }
        if (kind == DropoutLayer.class) {
            stages.add(ReshapeStage.identity("dropout (identity at inference)"));
            return null;
        }
        if (kind == BatchNormalization.class) {
            BatchNormalization b = (BatchNormalization) layer;
            if (b.isLockGammaBeta()) {
                return "fixed gamma and beta";
            }
            boolean logStd = b.isUseLogStd();
            stages.add(new BatchNormStage(impl.getParam("gamma"), impl.getParam("beta"), impl.getParam("mean"),
                    impl.getParam(logStd ? "log10stdev" : "var"), logStd, b.getEps(),
                    b.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1));
            return null;
        }
        return "not a supported layer type";
    }

    private static void addActivation(IActivation a, List<CompiledStage> stages) {
        if (!ActivationStage.isIdentity(a)) {
            stages.add(ActivationStage.of(a));
        }
    }

    /** Strict computes what Truncate does once the sizes divide exactly (DL4J has checked they do). */
    private static ConvolutionMode mode(ConvolutionMode m) {
        return m == ConvolutionMode.Same ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
