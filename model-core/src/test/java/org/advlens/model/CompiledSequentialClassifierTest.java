package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.advlens.model.compiled.CompiledSequentialClassifier;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.model.load.Classifiers;
import org.advlens.train.FashionMnistTrainer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The compiled classifier against DL4J's own {@link Dl4jClassifier} on the same parameters (logits, loss
 * gradient, logit gradient), against central finite differences in double precision, and for its contracts:
 * unsupported layers, parameter sharing, thread confinement with {@code copy()}.
 */
class CompiledSequentialClassifierTest {

    private static final long SEED = 42;
    private static final double REL = 1e-4;

    /** Relative closeness: the largest difference against the largest reference value. */
    private static void assertClose(INDArray expected, INDArray actual, double rel, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = e.amaxNumber().doubleValue();
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(scale > 0, what + ": reference is all zero");
        assertTrue(diff <= rel * scale, what + ": max difference " + diff + " against scale " + scale);
    }

    private static ModelInfo info(InputSpec spec, MultiLayerNetwork net, int classes) {
        List<String> names = IntStream.range(0, classes).mapToObj(k -> "c" + k).toList();
        return new ModelInfo("test", "memory", "", ModelFormat.DL4J_MULTILAYER, spec, names, net.numParams(),
                List.of(), true);
    }

    private static MultiLayerNetwork build(InputType input, Layer... layers) {
        var list = new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).list();
        for (Layer l : layers) {
            list.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(input).build());
        net.init();
        return net;
    }

    private static OutputLayer output(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).build();
    }

    /** The bundled Fashion-MNIST architecture, randomly initialised. */
    private static MultiLayerNetwork bundled() {
        return FashionMnistTrainer.buildNetwork(SEED, 1e-3);
    }

    /**
     * Padding with a stride remainder, Same mode with odd sizes, average pooling (Same, counting padding),
     * dilation, tanh, leaky ReLU, max pooling with padding and dropout; optionally batch norm with non-trivial
     * statistics.
     */
    private static MultiLayerNetwork padded(CNN2DFormat format, boolean batchNorm) {
        List<Layer> layers = new ArrayList<>(List.of(
                new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(6).activation(Activation.RELU)
                        .dataFormat(format).build(),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).dataFormat(format).build(),
                new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).dataFormat(format).build(),
                new ConvolutionLayer.Builder(2, 2).dilation(2, 2).padding(1, 1).nOut(4)
                        .activation(Activation.IDENTITY).dataFormat(format).build(),
                new ActivationLayer(Activation.LEAKYRELU),
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).padding(1, 1)
                        .dataFormat(format).build(),
                new DenseLayer.Builder().nOut(12).activation(Activation.SIGMOID).build(),
                new DropoutLayer(0.5),
                output(4)));
        if (batchNorm) {
            layers.add(3, new BatchNormalization.Builder().dataFormat(format).build());
        }
        MultiLayerNetwork net = build(InputType.convolutional(11, 11, 3, format), layers.toArray(new Layer[0]));
        if (batchNorm) {
            // Non-trivial statistics: mean, variance, gamma and beta are otherwise 0, 1, 1, 0.
            var bn = net.getLayer(3);
            bn.getParam("mean").assign(Nd4j.rand(DataType.FLOAT, 1, 5).subi(0.5));
            bn.getParam(bn.paramTable().containsKey("log10stdev") ? "log10stdev" : "var")
                    .assign(Nd4j.rand(DataType.FLOAT, 1, 5).muli(0.5));
            bn.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, 1, 5).addi(0.5));
            bn.getParam("beta").assign(Nd4j.rand(DataType.FLOAT, 1, 5).subi(0.5));
        }
        return net;
    }

    private static InputSpec paddedSpec(CNN2DFormat format, boolean normalised) {
        return new InputSpec(3, 11, 11, format == CNN2DFormat.NHWC ? ChannelOrder.NHWC : ChannelOrder.NCHW, 0, 1,
                normalised ? new double[] {0.4, 0.5, 0.6} : null, normalised ? new double[] {0.2, 0.25, 0.3} : null);
    }

    /** Dense layers only, on a flattened 1x6x6 image; the last layer is dense (a Keras-style logit layer). */
    private static MultiLayerNetwork denseOnly(Activation hidden) {
        return build(InputType.convolutional(6, 6, 1),
                new DenseLayer.Builder().nOut(9).activation(hidden).build(),
                new DenseLayer.Builder().nOut(7).activation(Activation.ELU).build(),
                new DenseLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build());
    }

    private static INDArray images(InputSpec spec, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, spec.shape(n));
    }

    private static int[] labels(int n, int classes) {
        return IntStream.range(0, n).map(i -> (i * 7 + 3) % classes).toArray();
    }

    private static Classifier compiled(MultiLayerNetwork net, ModelInfo info) {
        return CompiledSequentialClassifier.compile(net, info).orElseThrow();
    }

    /** Compiled and DL4J paths agree on logits, the loss gradient and a logit-margin gradient. */
    private static void assertMatchesDl4j(MultiLayerNetwork net, InputSpec spec, int classes, int n) {
        ModelInfo info = info(spec, net, classes);
        Classifier fast = compiled(net, info);
        Classifier reference = Dl4jClassifier.of(net, info);
        INDArray x = images(spec, n, 7);
        INDArray before = x.dup();
        int[] y = labels(n, classes);
        assertClose(reference.logits(x), fast.logits(x), REL, "logits");
        assertClose(reference.lossGradient(x, y), fast.lossGradient(x, y), REL, "loss gradient");
        INDArray w = Nd4j.randn(DataType.FLOAT, n, classes);
        assertClose(reference.logitGradient(x, w), fast.logitGradient(x, w), REL, "logit gradient");
        assertEquals(before, x, "the input must not be modified");
    }

    @Test
    void bundledArchitectureMatchesDl4j() {
        assertMatchesDl4j(bundled(), InputSpec.grey(28, 28), 10, 8);
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void paddingSameModeAndAveragePoolingMatchDl4jOnNormalisedInput(CNN2DFormat format) {
        assertMatchesDl4j(padded(format, false), paddedSpec(format, true), 4, 5);
    }

    /**
     * With batch norm the logits match DL4J, but DL4J's {@code calculateGradients} runs the layer in training
     * mode (batch statistics), so its "input gradient" is not the gradient of its own logits. The compiled path
     * differentiates the inference function: checked against finite differences instead.
     */
    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void batchNormUsesInferenceStatistics(CNN2DFormat format) {
        MultiLayerNetwork net = padded(format, true);
        InputSpec spec = paddedSpec(format, true);
        ModelInfo info = info(spec, net, 4);
        INDArray x = images(spec, 5, 3);
        assertClose(Dl4jClassifier.of(net, info).logits(x), compiled(net, info).logits(x), REL, "logits");
        checkFiniteDifferences(padded(format, true).convertDataType(DataType.DOUBLE), paddedSpec(format, false), 4);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "LEAKYRELU", "TANH", "SIGMOID", "IDENTITY", "ELU",
        "SELU", "SOFTPLUS", "SOFTSIGN", "HARDTANH", "HARDSIGMOID", "RELU6", "SWISH"})
    void denseOnlyNetworksMatchDl4jForEveryActivation(Activation hidden) {
        assertMatchesDl4j(denseOnly(hidden), InputSpec.grey(6, 6), 3, 4);
    }

    @Test
    void gradientsMatchFiniteDifferencesInDoublePrecision() {
        MultiLayerNetwork net = bundled().convertDataType(DataType.DOUBLE);
        checkFiniteDifferences(net, InputSpec.grey(28, 28), 10);
        checkFiniteDifferences(padded(CNN2DFormat.NCHW, false).convertDataType(DataType.DOUBLE),
                paddedSpec(CNN2DFormat.NCHW, false), 4);
    }

    /**
     * Central differences of the summed cross-entropy and of one logit, on some of the pixels with the largest
     * gradient. The step is small (2^-16) so that it rarely crosses a ReLU or max-pool kink, and pixels lie on a
     * 2^-20 grid in [1/4, 3/4) so that x +- h is exact even after the classifier's cast to float.
     */
    private static void checkFiniteDifferences(MultiLayerNetwork net, InputSpec spec, int classes) {
        Classifier model = compiled(net, info(spec, net, classes));
        int n = 2;
        Nd4j.getRandom().setSeed(SEED);
        INDArray x = Nd4j.rand(DataType.DOUBLE, spec.shape(n)).muli(1 << 19).addi(1 << 18);
        x = Transforms.floor(x, false).divi(1 << 20);
        int[] y = labels(n, classes);
        double h = 1.0 / (1 << 16);
        INDArray grad = model.lossGradient(x, y).castTo(DataType.DOUBLE).reshape(-1);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, n, classes);
        w.putScalar(1, 2, 1.0);
        INDArray logitGrad = model.logitGradient(x, w).castTo(DataType.DOUBLE).reshape(-1);
        long[] top = Nd4j.sortWithIndices(Transforms.abs(grad, true), 0, false)[0]
                .toLongVector();
        double scale = grad.amaxNumber().doubleValue();
        double logitScale = logitGrad.amaxNumber().doubleValue();
        for (int k = 0; k < 5; k++) {
            long j = top[k * 7];
            double fd = (loss(model, shifted(x, j, h), y) - loss(model, shifted(x, j, -h), y)) / (2 * h);
            assertEquals(grad.getDouble(j), fd, 1e-4 * scale, "loss gradient at flat pixel " + j);
            double fdLogit = (model.logits(shifted(x, j, h)).getDouble(1, 2)
                    - model.logits(shifted(x, j, -h)).getDouble(1, 2)) / (2 * h);
            assertEquals(logitGrad.getDouble(j), fdLogit, 1e-4 * logitScale, "logit gradient at flat pixel " + j);
        }
    }

    private static INDArray shifted(INDArray x, long flatIndex, double h) {
        INDArray out = x.dup();
        INDArray flat = out.reshape(-1);
        flat.putScalar(flatIndex, flat.getDouble(flatIndex) + h);
        return out;
    }

    /** Summed cross-entropy in double precision (Logits.crossEntropy works in float). */
    private static double loss(Classifier model, INDArray x, int[] y) {
        double[][] z = model.logits(x).castTo(DataType.DOUBLE).toDoubleMatrix();
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : z[i]) {
                s += Math.exp(v - max);
            }
            sum += Math.log(s) + max - z[i][y[i]];
        }
        return sum;
    }

    @Test
    void unsupportedLayersAreNotCompiled() {
        MultiLayerNetwork upsampling = build(InputType.convolutional(6, 6, 1),
                new Upsampling2D.Builder(2).build(),
                new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(), output(3));
        ModelInfo info = info(InputSpec.grey(6, 6), upsampling, 3);
        assertTrue(CompiledSequentialClassifier.compile(upsampling, info).isEmpty());
        assertInstanceOf(Dl4jClassifier.class, Classifiers.forNetwork(upsampling, info));

        MultiLayerNetwork pnorm = build(InputType.convolutional(6, 6, 1),
                new SubsamplingLayer.Builder(PoolingType.PNORM).kernelSize(2, 2).stride(2, 2).pnorm(2).build(),
                output(3));
        assertTrue(CompiledSequentialClassifier.compile(pnorm, info(InputSpec.grey(6, 6), pnorm, 3)).isEmpty());

        MultiLayerNetwork bundled = bundled();
        assertInstanceOf(CompiledSequentialClassifier.class,
                Classifiers.referenceFor(bundled, info(InputSpec.grey(28, 28), bundled, 10)));
    }

    @Test
    void badInputIsRejected() {
        MultiLayerNetwork net = bundled();
        Classifier model = compiled(net, info(InputSpec.grey(28, 28), net, 10));
        assertThrows(IllegalArgumentException.class, () -> model.logits(Nd4j.zeros(DataType.FLOAT, 2, 1, 27, 28)));
        assertThrows(IllegalArgumentException.class,
                () -> model.lossGradient(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28), new int[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> model.logitGradient(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28), Nd4j.zeros(DataType.FLOAT, 2, 9)));
    }

    @Test
    void sharesTheNetworksParameterArrays() {
        MultiLayerNetwork net = bundled();
        ModelInfo info = info(InputSpec.grey(28, 28), net, 10);
        Classifier fast = compiled(net, info);
        assertSame(net, ((NetworkBacked) fast).network());
        INDArray x = images(info.input(), 3, 11);
        INDArray before = fast.logits(x);
        net.params().muli(0.5);
        INDArray after = fast.logits(x);
        assertClose(Dl4jClassifier.of(net, info).logits(x), after, REL, "logits after an in-place change");
        assertTrue(before.sub(after).amaxNumber().doubleValue() > 1e-3, "the change must be seen");
    }

    /** Intermediate arrays live in a reused per-thread workspace; what a call returns must not. */
    @Test
    void resultsSurviveLaterCalls() {
        MultiLayerNetwork net = bundled();
        ModelInfo info = info(InputSpec.grey(28, 28), net, 10);
        Classifier fast = compiled(net, info);
        INDArray x1 = images(info.input(), 4, 21);
        INDArray x2 = images(info.input(), 4, 22);
        int[] y = labels(4, 10);
        INDArray z1 = fast.logits(x1);
        INDArray g1 = fast.lossGradient(x1, y);
        INDArray z1Copy = z1.dup();
        INDArray g1Copy = g1.dup();
        fast.logits(x2);
        fast.lossGradient(x2, y);
        fast.logitGradient(x2, Nd4j.ones(DataType.FLOAT, 4, 10));
        assertEquals(z1Copy, z1);
        assertEquals(g1Copy, g1);
    }

    @Test
    void batchesLargerThanOnePassAreSliced() {
        MultiLayerNetwork net = denseOnly(Activation.RELU);
        InputSpec spec = InputSpec.grey(6, 6);
        ModelInfo info = info(spec, net, 3);
        Classifier fast = compiled(net, info);
        Classifier reference = Dl4jClassifier.of(net, info);
        int n = CompiledSequentialClassifier.MAX_PASS * 2 + 5;
        INDArray x = images(spec, n, 5);
        int[] y = labels(n, 3);
        assertClose(reference.logits(x), fast.logits(x), REL, "logits");
        assertClose(reference.lossGradient(x, y), fast.lossGradient(x, y), REL, "loss gradient");
        INDArray w = Nd4j.randn(DataType.FLOAT, n, 3);
        assertClose(reference.logitGradient(x, w), fast.logitGradient(x, w), REL, "logit gradient");
    }

    @Test
    void copiesOnTwoThreadsGiveTheSequentialResults() throws Exception {
        MultiLayerNetwork net = bundled();
        ModelInfo info = info(InputSpec.grey(28, 28), net, 10);
        Classifier model = compiled(net, info);
        int rounds = 6;
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int r = 0; r < 2 * rounds; r++) {
            INDArray x = images(info.input(), 4, 100 + r);
            inputs.add(x);
            expected.add(model.lossGradient(x, labels(4, 10)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<INDArray>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t * rounds;
                Classifier copy = model.copy();
                results.add(pool.submit(() -> {
                    List<INDArray> out = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        out.add(copy.lossGradient(inputs.get(offset + r), labels(4, 10)));
                    }
                    return out;
                }));
            }
            for (int t = 0; t < 2; t++) {
                List<INDArray> got = results.get(t).get();
                for (int r = 0; r < rounds; r++) {
                    assertClose(expected.get(t * rounds + r), got.get(r), 1e-6, "thread " + t + " round " + r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
