package org.advlens.model.load;

import java.util.ArrayList;
import java.util.List;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Networks with random weights for measuring the engine's speed on something larger than the bundled model:
 * a ResNet-style CNN on 3x32x32 inputs (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016).
 * Their predictions mean nothing; only their cost does.
 */
public final class ReferenceNetworks {

    private ReferenceNetworks() {
    }

    /**
     * Stem conv 3x3x32, then {@code blocks} residual blocks (conv-BN-ReLU-conv-BN + identity, ReLU) at 32
     * channels, a strided conv to 64 channels, {@code blocks} more blocks, global average pooling, dense 10.
     */
    public static Classifier resnetStyle(int blocks, long seed) {
        ComputationGraph graph = resnetGraph(blocks, seed);
        return Classifiers.forGraph(graph, resnetInfo(graph, blocks));
    }

    /** The same network on DL4J's own path (the reference the gradient engine is compared with). */
    public static Classifier resnetStyleReference(int blocks, long seed) {
        ComputationGraph graph = resnetGraph(blocks, seed);
        return Dl4jClassifier.of(graph, resnetInfo(graph, blocks));
    }

    /** The ResNet-style graph of {@link #resnetStyle}, initialised from {@code seed}. */
    public static ComputationGraph resnetGraph(int blocks, long seed) {
        if (blocks < 1 || blocks > 16) {
            throw new IllegalArgumentException("blocks must be in [1, 16], got " + blocks);
        }
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(32, 32, 3));
        g.addLayer("stem", conv(3, 32, 1, Activation.RELU), "input");
        String last = "stem";
        for (int b = 0; b < blocks; b++) {
            last = block(g, "a" + b, last, 32);
        }
        g.addLayer("down", conv(32, 64, 2, Activation.RELU), last);
        last = "down";
        for (int b = 0; b < blocks; b++) {
            last = block(g, "b" + b, last, 64);
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(10)
                .activation(Activation.SOFTMAX).build(), "pool");
        g.setOutputs("output");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static ModelInfo resnetInfo(ComputationGraph graph, int blocks) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            names.add("class " + k);
        }
        ModelInfo info = new ModelInfo("ResNet-style CNN (random weights, " + blocks + "+" + blocks + " blocks)",
                "generated", "", ModelFormat.DL4J_GRAPH, new InputSpec(3, 32, 32, ChannelOrder.NCHW, 0, 1, null, null),
                names, graph.numParams(), List.of(), true);
        return info;
    }

    private static ConvolutionLayer conv(int in, int out, int stride, Activation activation) {
        return new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nIn(in).nOut(out).activation(activation).build();
    }

    private static String block(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int channels) {
        g.addLayer(name + "_c1", conv(channels, channels, 1, Activation.IDENTITY), input);
        g.addLayer(name + "_bn1", new BatchNormalization.Builder().activation(Activation.RELU).build(), name + "_c1");
        g.addLayer(name + "_c2", conv(channels, channels, 1, Activation.IDENTITY), name + "_bn1");
        g.addLayer(name + "_bn2", new BatchNormalization.Builder().build(), name + "_c2");
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_bn2", input);
        g.addLayer(name + "_relu", new org.deeplearning4j.nn.conf.layers.ActivationLayer(Activation.RELU), name + "_add");
        return name + "_relu";
    }
}
