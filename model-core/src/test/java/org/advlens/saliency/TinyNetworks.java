package org.advlens.saliency;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small DL4J networks with random weights, for tests that need a network's layers. */
final class TinyNetworks {

    static final int SIDE = 8;
    static final int CLASSES = 3;

    private TinyNetworks() {
    }

    /** conv3x3x4-relu, maxpool2, conv3x3x6-relu, dense10-relu, output3-softmax on 1x8x8 in [0, 1]. */
    static MultiLayerNetwork cnn(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).name("conv1").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool1").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).name("conv2").build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.RELU).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("output").build())
                .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** conv3x3xK-relu (same padding), global average pooling, output: Grad-CAM equals CAM on it. */
    static MultiLayerNetwork gapCnn(long seed, int filters) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(filters).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).name("conv").build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("output").build())
                .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** dense(hidden)-relu, output: input 1x8x8 flattened. */
    static MultiLayerNetwork mlp(long seed, int hidden) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).name("hidden").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).name("output").build())
                .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static Dl4jClassifier classifier(MultiLayerNetwork net) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            names.add("class " + k);
        }
        ModelInfo info = new ModelInfo("tiny", "test", "", ModelFormat.DL4J_MULTILAYER, InputSpec.grey(SIDE, SIDE),
                names, net.numParams(), List.of(), true);
        return Dl4jClassifier.of(net, info);
    }

    /** {@code n} images of uniform noise in [0, 1] with a brighter square, from {@code seed}. */
    static Images images(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] px = new float[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            int y0 = r.nextInt(SIDE - 3);
            int x0 = r.nextInt(SIDE - 3);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean inside = y >= y0 && y < y0 + 3 && x >= x0 && x < x0 + 3;
                    px[i * SIDE * SIDE + y * SIDE + x] = (float) (inside ? 0.7 + 0.3 * r.nextDouble()
                            : 0.3 * r.nextDouble());
                }
            }
        }
        return new Images(px, n, 1, SIDE, SIDE);
    }
}
