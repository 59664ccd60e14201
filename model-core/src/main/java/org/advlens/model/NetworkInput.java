package org.advlens.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Reads what a DL4J network's configuration says about its input, to build a default {@link InputSpec} when a
 * model file comes without a description: channels from the first layer's {@code nIn}, height and width from a
 * {@link FeedForwardToCnnPreProcessor} if there is one, else 28x28 for one channel and 32x32 for three. A
 * network whose first layer is dense takes a flattened image: {@code nIn} 784 is 1x28x28, 3072 is 3x32x32, and
 * another square number {@code s*s} is 1 x s x s.
 */
public final class NetworkInput {

    private NetworkInput() {
    }

    /** The first layer and its input pre-processor; {@code null} layer if it cannot be found. */
    private record First(Layer layer, InputPreProcessor preProcessor) {
    }

    public static InputSpec infer(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        return infer(new First(conf.getConf(0).getLayer(), conf.getInputPreProcess(0)));
    }

    public static InputSpec infer(ComputationGraph graph) {
        return infer(first(graph.getConfiguration()));
    }

    /**
     * Lets a multi-layer network whose first layer is dense take NCHW images: adds a flattening pre-processor
     * for {@code spec} in front of it. Does nothing for other networks.
     */
    public static void acceptImages(MultiLayerNetwork net, InputSpec spec) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Layer layer = conf.getConf(0).getLayer();
        if (conf.getInputPreProcess(0) == null && layer instanceof FeedForwardLayer f
                && !(layer instanceof ConvolutionLayer) && f.getNIn() == spec.size()) {
            conf.getInputPreProcessors().put(0, new CnnToFeedForwardPreProcessor(spec.height(), spec.width(),
                    spec.channels()));
        }
    }

    private static First first(ComputationGraphConfiguration conf) {
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("the graph has " + conf.getNetworkInputs().size()
                    + " inputs; AdvLens needs exactly one image input");
        }
        String input = conf.getNetworkInputs().get(0);
        for (var e : conf.getVertexInputs().entrySet()) {
            GraphVertex v = conf.getVertices().get(e.getKey());
            if (e.getValue().contains(input) && v instanceof LayerVertex lv) {
                return new First(lv.getLayerConf().getLayer(), lv.getPreProcessor());
            }
        }
        return new First(null, null);
    }

    private static InputSpec infer(First first) {
        ChannelOrder layout = ChannelOrder.NCHW;
        if (first.layer() instanceof ConvolutionLayer c && c.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
            layout = ChannelOrder.NHWC;
        }
        if (first.preProcessor() instanceof FeedForwardToCnnPreProcessor p) {
            return spec((int) p.getNumChannels(), (int) p.getInputHeight(), (int) p.getInputWidth(), layout);
        }
        if (!(first.layer() instanceof FeedForwardLayer f) || f.getNIn() < 1) {
            throw new IllegalArgumentException("cannot tell the input size from the first layer ("
                    + (first.layer() == null ? "none found" : first.layer().getClass().getSimpleName()) + ")");
        }
        long nIn = f.getNIn();
        if (first.layer() instanceof ConvolutionLayer) {
            int side = nIn == 3 ? 32 : 28;
            return spec((int) nIn, side, side, layout);
        }
        if (nIn == 3072) {
            return spec(3, 32, 32, layout);
        }
        long side = Math.round(Math.sqrt(nIn));
        if (side * side == nIn) {
            return spec(1, (int) side, (int) side, layout);
        }
        throw new IllegalArgumentException("the first layer takes " + nIn + " values, which is not a square grey"
                + " image or a 3x32x32 colour image");
    }

    private static InputSpec spec(int channels, int height, int width, ChannelOrder layout) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("the first layer takes " + channels
                    + " channels; AdvLens handles 1 (grey) or 3 (colour)");
        }
        return new InputSpec(channels, height, width, layout, 0, 1, null, null);
    }
}
