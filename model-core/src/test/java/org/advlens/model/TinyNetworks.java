package org.advlens.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small untrained DL4J networks with pinned seeds for loader and gradient tests. */
public final class TinyNetworks {

    static final List<String> CLASSES = List.of("a", "b", "c");

    private TinyNetworks() {
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER);
    }

    /** conv 3x3 (4) + tanh, max-pool 2x2, dense softmax 3; input given as an {@link InputType}. */
    public static MultiLayerNetwork cnn(InputType input, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(base(seed).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(input).build());
        net.init();
        return net;
    }

    /** The 8x8 grey CNN with NCHW input. */
    public static MultiLayerNetwork cnn8() {
        return cnn(InputType.convolutional(8, 8, 1), 11);
    }

    /** A dense-first MLP taking flattened 4x4 grey images. */
    public static MultiLayerNetwork mlp16() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(12).list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** Ends in a separate softmax activation and a loss layer: its last layer has no logits of its own. */
    public static MultiLayerNetwork endsInLossLayer() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(13).list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.SOFTMAX).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    /** A graph: conv 3x3 (3) + tanh on a 1x6x6 input, then two branches merged and a softmax output of 3. */
    public static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = base(seed).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(6, 6, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(),
                        "image")
                .addLayer("dense", new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build(), "conv")
                .addLayer("skip", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "conv")
                .addVertex("merge", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "dense", "skip")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Deterministic pseudo-random input in [0, 1]. */
    public static INDArray input(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    static ModelDescription description(InputSpec spec) {
        return new ModelDescription("tiny", spec, CLASSES);
    }
}
