package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.model.compiled.LayerStack;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.saliency.method.GradientTimesInput;
import org.advlens.saliency.method.LayerwiseRelevancePropagation;
import org.advlens.saliency.relevance.AlphaBetaRule;
import org.advlens.saliency.relevance.Composite;
import org.advlens.saliency.relevance.ConceptCondition;
import org.advlens.saliency.relevance.EpsilonRule;
import org.advlens.saliency.relevance.GammaRule;
import org.advlens.saliency.relevance.LayerwiseRelevance;
import org.advlens.saliency.relevance.Propagation;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LayerwiseRelevanceTest {

    /**
     * x = (1, 2); hidden h = relu(x W1) with W1 = [[3, -1], [-1, 1]] gives h = (1, 1); logits z = h W2 with
     * W2 = [[2, 1], [-1, 1]] give z = (1, 2). Explaining class 0 starts from R = z_0 = 1.
     */
    private static Classifier handNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nOut(2).hasBias(false).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).hasBias(false)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(1, 2, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.createFromArray(new float[][] {{3, -1}, {-1, 1}}));
        net.getLayer(1).setParam("W", Nd4j.createFromArray(new float[][] {{2, 1}, {-1, 1}}));
        return classifier(net, InputSpec.grey(1, 2).withBounds(-4, 4), 2);
    }

    private static Classifier classifier(MultiLayerNetwork net, InputSpec spec, int classes) {
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class " + k);
        }
        return Dl4jClassifier.of(net, new ModelInfo("tiny", "test", "", ModelFormat.DL4J_MULTILAYER, spec, names,
                net.numParams(), List.of(), true));
    }

    private static Propagation hand(Composite composite) {
        LayerwiseRelevance lrp = new LayerwiseRelevance(LayerStack.of(handNetwork()), composite);
        return lrp.propagate(Nd4j.createFromArray(new float[] {1, 2}).reshape(1, 1, 1, 2), new int[] {0}, null);
    }

    @Test
    void zPlusKeepsOnlyPositiveContributionsAsWorkedOutByHand() {
        // Output: h0 w00 = 2 > 0, h1 w10 = -1 dropped: R_h = (1, 0). Hidden 0: x0 w00 = 3 > 0, x1 w10 = -2
        // dropped: R_x = (1, 0).
        Propagation p = hand(Composite.zPlus());
        assertArrayEquals(new float[] {1, 0}, p.inputRelevance().data().asFloat(), 1e-6f);
        assertEquals(1.0, p.targetLogits()[0], 1e-6);
        for (double s : p.stepSums()[0]) {
            assertEquals(1.0, s, 1e-6, "z+ conserves the relevance at every step");
        }
    }

    @Test
    void alphaTwoBetaOneMatchesTheHandComputation() {
        // Output: positive part h0 w00 = 2 -> 1, negative part h1 w10 = -1 -> 1: R_h = (2*1, -1*1) = (2, -1).
        // Hidden 0 (R 2): +3 / -2 -> 2*(2, 0) - (0, 2) = (4, -2). Hidden 1 (R -1): -1 / +2 ->
        // 2*(0, -1) - (-1, 0) = (1, -2). R_x = (5, -4), sum 1.
        Propagation p = hand(Composite.alphaBeta(2, 1));
        assertArrayEquals(new float[] {5, -4}, p.inputRelevance().data().asFloat(), 1e-5f);
        for (double s : p.stepSums()[0]) {
            assertEquals(1.0, s, 1e-5, "alpha - beta = 1 conserves the relevance here");
        }
    }

    @Test
    void epsilonZeroOnTheHandNetworkIsGradientTimesInput() {
        // dz0/dx = (3*2 + (-1)*(-1), (-1)*2 + 1*(-1)) = (7, -3); times x = (7, -6).
        Propagation p = hand(Composite.epsilon(0));
        assertArrayEquals(new float[] {7, -6}, p.inputRelevance().data().asFloat(), 1e-5f);
    }

    @Test
    void epsilonTowardsZeroOnABiasFreeReluCnnEqualsGradientTimesInput() {
        Classifier model = classifier(biasFreeCnn(5), InputSpec.grey(TinyNetworks.SIDE, TinyNetworks.SIDE), 3);
        Images images = TinyNetworks.images(4, 9);
        int[] targets = {0, 1, 2, 1};
        SaliencyMap lrp = new LayerwiseRelevancePropagation(Composite.epsilon(0))
                .attribute(model, images, targets, CancellationToken.create());
        SaliencyMap gxi = new GradientTimesInput().attribute(model, images, targets, CancellationToken.create());
        float[] a = lrp.values();
        float[] b = gxi.values();
        double scale = 0;
        for (float v : b) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 1e-3, "gradient x input should not vanish: " + scale);
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-4 * scale, "value " + i);
        }
        for (double gap : lrp.completenessDelta()) {
            assertEquals(0, gap, 1e-4 * scale, "no bias and epsilon 0: the relevance is conserved");
        }
    }

    @Test
    void conditionalRelevancesOverAllChannelsSumToTheUnconditionalRelevance() {
        Classifier model = TinyNetworks.classifier(TinyNetworks.cnn(11));
        LayerwiseRelevance lrp = new LayerwiseRelevance(LayerStack.of(model),
                Composite.epsilonGammaBox(0.1, 0.25));
        int step = lrp.conceptStep("conv2");
        INDArray image = TinyNetworks.images(1, 4).toArray();
        Propagation whole = lrp.propagate(image, new int[] {2}, ConceptCondition.recordOnly(step));
        int channels = (int) whole.channelRelevance().size(1);
        assertEquals(6, channels);
        int[] each = new int[channels];
        for (int k = 0; k < channels; k++) {
            each[k] = k;
        }
        INDArray repeated = Nd4j.concat(0, java.util.Collections.nCopies(channels, image).toArray(new INDArray[0]));
        int[] targets = new int[channels];
        java.util.Arrays.fill(targets, 2);
        Propagation conditional = lrp.propagate(repeated, targets, new ConceptCondition(step, each));
        INDArray sum = conditional.inputRelevance().sum(0);
        float[] expected = whole.inputRelevance().reshape(sum.shape()).data().asFloat();
        float[] actual = sum.data().asFloat();
        double scale = Math.abs(whole.inputSum(0)) + 1e-6;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale, "pixel " + i);
        }
        for (int k = 0; k < channels; k++) {
            assertEquals(whole.channelRelevance().getDouble(0, k), conditional.stepSums()[k][step], 1e-5 * scale,
                    "channel " + k + " keeps exactly its own relevance at the concept layer");
        }
    }

    @Test
    void badRulesLayersAndModelsAreRejectedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new EpsilonRule(-1));
        assertThrows(IllegalArgumentException.class, () -> new GammaRule(Double.NaN));
        IllegalArgumentException ab = assertThrows(IllegalArgumentException.class, () -> new AlphaBetaRule(1, 1));
        assertTrue(ab.getMessage().contains("alpha - beta = 1"), ab.getMessage());
        LayerwiseRelevance lrp = new LayerwiseRelevance(LayerStack.of(TinyNetworks.classifier(TinyNetworks.cnn(1))),
                Composite.zPlus());
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class, () -> lrp.conceptStep("conv9"));
        assertTrue(layer.getMessage().contains("conv1"), layer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lrp.conceptStep("output"));
        Classifier linear = new org.advlens.testing.LinearClassifier(InputSpec.grey(8, 8), new float[2][64],
                new float[2]);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> LayerStack.of(linear));
        assertTrue(e.getMessage().contains("DL4J"), e.getMessage());
    }

    /** conv3x3x4-relu, maxpool2, conv3x3x6-relu, dense10-relu, output3, all without bias. */
    private static MultiLayerNetwork biasFreeCnn(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .hasBias(false).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .hasBias(false).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(10).hasBias(false).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).hasBias(false)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(TinyNetworks.SIDE, TinyNetworks.SIDE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
