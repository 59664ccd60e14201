package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import onnx.Onnx;
import org.advlens.data.Datasets;
import org.advlens.model.Classifier;
import org.advlens.model.NetworkBacked;
import org.advlens.model.TinyNetworks;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.load.ReferenceNetworks;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every exported network runs in ONNX Runtime and gives DL4J's own logits (the output layer without its
 * softmax) to {@value #TOLERANCE} relative to the largest logit: the bundled model on bundled images, the
 * ResNet-style reference graph, the tiny test networks, the Keras fixture, and networks built here for Same mode,
 * strides, dilation, NHWC, pooling with padding, merges and element-wise vertices. Unsupported layers fail with
 * a message that names them.
 */
class Dl4jOnnxExporterTest {

    private static final double TOLERANCE = 1e-4;
    private static final long SEED = 20261207;

    @TempDir
    Path dir;

    @BeforeAll
    static void onnxRuntimeRuns() {
        assertTrue(OnnxRuntimeForward.unavailableReason().isEmpty(), "surefire starts Java with a short command line");
    }

    @Test
    void bundledFashionCnnMatchesOnBundledImages() throws Exception {
        try (Classifier c = ModelLoader.bundledDefault()) {
            MultiLayerNetwork net = (MultiLayerNetwork) ((NetworkBacked) c).network();
            INDArray x = Datasets.bundledEvaluation().images().slice(0, 32).toArray();
            byte[] model = assertMatches(net, x);
            assertEquals(0, count(model, "Transpose"), "an NCHW network needs no transpose");
        }
    }

    @Test
    void resnetStyleGraphWithBatchNormStatisticsMatches() throws Exception {
        ComputationGraph graph = ReferenceNetworks.resnetGraph(2, SEED);
        Nd4j.getRandom().setSeed(SEED);
        for (org.deeplearning4j.nn.api.Layer l : graph.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                randomiseStatistics(l);
            }
        }
        assertMatches(graph, random(6, 3, 32, 32));
    }

    @Test
    void tinyNetworksMatch() throws Exception {
        assertMatches(TinyNetworks.cnn8(), random(5, 1, 8, 8));
        assertMatches(TinyNetworks.cnn(InputType.convolutional(8, 8, 1, CNN2DFormat.NHWC), 11), random(5, 8, 8, 1));
        assertMatches(TinyNetworks.mlp16(), random(5, 16));
        byte[] graph = assertMatches(TinyNetworks.graph(13), random(5, 1, 6, 6));
        assertEquals(1, count(graph, "Flatten"), "both dense layers read one flattened tensor");
    }

    @Test
    void aBatchOfAnySizeRuns() throws Exception {
        MultiLayerNetwork net = TinyNetworks.cnn8();
        byte[] model = Dl4jOnnxExporter.export(net, new long[] {1, 8, 8});
        for (int n : new int[] {1, 3, 17}) {
            INDArray x = random(n, 1, 8, 8);
            try (OnnxRuntimeForward ort = OnnxRuntimeForward.open(model)) {
                assertClose(logits(net, x), ort.run(x), "batch of " + n);
            }
        }
    }

    @Test
    void kerasImportInNhwcMatches() throws Exception {
        Path file = dir.resolve("keras-tiny-cnn.h5");
        try (InputStream in = Classifier.class.getResourceAsStream("keras-tiny-cnn.h5")) {
            Files.copy(in, file);
        }
        try (Classifier c = ModelLoader.load(file)) {
            MultiLayerNetwork net = (MultiLayerNetwork) ((NetworkBacked) c).network();
            byte[] model = assertMatches(net, random(7, 6, 6, 1));
            // NHWC to NCHW for the convolution and back for Keras's NHWC flatten; nothing more
            assertEquals(2, count(model, "Transpose"));
        }
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void sameModeStridesDilationAndPaddedPoolingMatch(CNN2DFormat format) throws Exception {
        MultiLayerNetwork net = network(InputType.convolutional(11, 9, 2, format),
                new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.LEAKYRELU).dataFormat(format).build(),
                new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).dataFormat(format).build(),
                new ConvolutionLayer.Builder(2, 2).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.SIGMOID).dataFormat(format).build(),
                new BatchNormalization.Builder().dataFormat(format).build(),
                new ConvolutionLayer.Builder(3, 3).dilation(2, 2).padding(2, 1).nOut(4)
                        .activation(Activation.TANH).dataFormat(format).build(),
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).dataFormat(format).build(),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(1, 1).padding(1, 1)
                        .dataFormat(format).build(),
                new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(),
                new DropoutLayer(0.5),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .build());
        randomiseStatistics(net.getLayer(3));
        INDArray x = format == CNN2DFormat.NCHW ? random(6, 2, 11, 9) : random(6, 11, 9, 2);
        byte[] model = assertMatches(net, x);
        assertEquals(format == CNN2DFormat.NCHW ? 0 : 2, count(model, "Transpose"));
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void averagePoolingDivisorsMatch(CNN2DFormat format) throws Exception {
        MultiLayerNetwork net = network(InputType.convolutional(10, 10, 3, format),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).dataFormat(format).build(),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).padding(1, 1)
                        .avgPoolIncludePadInDivisor(true).dataFormat(format).build(),
                new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(format).activation(Activation.IDENTITY).build(),
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).padding(1, 1)
                        .dilation(2, 2).dataFormat(format).build(),
                new DenseLayer.Builder().nOut(5).activation(Activation.SOFTMAX).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build());
        assertMatches(net, format == CNN2DFormat.NCHW ? random(4, 3, 10, 10) : random(4, 10, 10, 3));
    }

    @Test
    void flatInputReshapedToAnImageAndDenseBatchNormMatch() throws Exception {
        MultiLayerNetwork net = network(InputType.convolutionalFlat(6, 6, 1),
                new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU).build(),
                new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build(),
                new BatchNormalization.Builder().build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build());
        randomiseStatistics(net.getLayer(2));
        assertMatches(net, random(4, 36));
    }

    /**
     * DL4J merges along axis 1 unless told otherwise, so an NHWC graph must name the channel axis; and DL4J
     * mistakes the channels of NHWC global pooling without collapsed dimensions, so that runs on NCHW only.
     */
    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void mergesAndElementWiseVerticesMatch(CNN2DFormat format) throws Exception {
        boolean nchw = format == CNN2DFormat.NCHW;
        MergeVertex channels = new MergeVertex();
        channels.setMergeAxis(nchw ? 1 : 3);
        ComputationGraphConfiguration.GraphBuilder g = base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 3, format))
                .addLayer("a", conv(3, 4, Activation.TANH, format), "in")
                .addLayer("b", conv(1, 2, Activation.LEAKYRELU, format), "in")
                .addVertex("merge", channels, "a", "b")
                .addLayer("c", conv(3, 6, Activation.IDENTITY, format), "merge")
                .addVertex("sub", new ElementWiseVertex(ElementWiseVertex.Op.Subtract), "c", "merge")
                .addVertex("mul", new ElementWiseVertex(ElementWiseVertex.Op.Product), "sub", "c")
                .addVertex("avg", new ElementWiseVertex(ElementWiseVertex.Op.Average), "mul", "c", "merge")
                .addLayer("bn", new BatchNormalization.Builder().dataFormat(format).build(), "avg")
                .addLayer("act", new ActivationLayer(Activation.SIGMOID), "bn")
                .addLayer("max", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "act");
        if (nchw) {
            g.addLayer("mean", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(false).build(), "act")
                    .addVertex("flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(1, 1, 6)), "mean");
        } else {
            g.addLayer("flat", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "act");
        }
        ComputationGraphConfiguration conf = g.addVertex("both", new MergeVertex(), "max", "flat")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "both")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        randomiseStatistics(graph.getLayer("bn"));
        byte[] model = assertMatches(graph, nchw ? random(5, 3, 8, 8) : random(5, 8, 8, 3));
        // NHWC: the input is transposed once; everything after it, merges and pooling included, stays NCHW
        assertEquals(nchw ? 0 : 1, count(model, "Transpose"));
    }

    /**
     * A 1x1 kernel with stride 4 in Same mode on 8 rows gives a negative top padding; DL4J itself rejects that
     * when it runs ("Invalid padding values calculated"), and the exporter refuses it up front.
     */
    @Test
    void sameModeThatSkipsTheFirstRowIsRefused() {
        MultiLayerNetwork net = network(InputType.convolutional(8, 8, 1),
                new ConvolutionLayer.Builder(1, 1).stride(4, 4).nOut(2).convolutionMode(ConvolutionMode.Same).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).build());
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> Dl4jOnnxExporter.export(net, new long[] {1, 8, 8}));
        assertTrue(e.getMessage().startsWith("layer 0 \"layer0\" (ConvolutionLayer): Same mode with kernel [1, 1],"
                + " stride [4, 4] on 8x8"), e.getMessage());
    }

    @Test
    void anLstmIsRefusedByName() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new LSTM.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> Dl4jOnnxExporter.export(net, new long[] {4}));
        assertTrue(e.getMessage().startsWith("layer 0 \"layer0\" (LSTM): not a supported layer type"),
                e.getMessage());
    }

    @Test
    void aDeconvolutionIsRefusedByName() {
        MultiLayerNetwork net = network(InputType.convolutional(6, 6, 1),
                new ConvolutionLayer.Builder(3, 3).nOut(2).build(),
                new Deconvolution2D.Builder().kernelSize(2, 2).nOut(2).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).build());
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> Dl4jOnnxExporter.export(net, new long[] {1, 6, 6}));
        assertTrue(e.getMessage().startsWith("layer 1 \"layer1\" (Deconvolution2D): not a supported layer type"),
                e.getMessage());
    }

    @Test
    void unsupportedActivationsVerticesAndHeadsAreRefusedByName() {
        MultiLayerNetwork elu = network(InputType.feedForward(4),
                new DenseLayer.Builder().nOut(3).activation(Activation.ELU).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).build());
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> Dl4jOnnxExporter.export(elu, new long[] {4}));
        assertTrue(e.getMessage().startsWith("layer 0 \"layer0\" (DenseLayer): activation elu"), e.getMessage());

        e = assertThrows(OnnxExportException.class,
                () -> Dl4jOnnxExporter.export(TinyNetworks.endsInLossLayer(), new long[] {16}));
        assertTrue(e.getMessage().startsWith("layer 2 \"layer2\" (LossLayer): "
                + "the output layer must be a dense"), e.getMessage());

        ComputationGraph max = new ComputationGraph(base().graphBuilder().addInputs("in")
                .setInputTypes(InputType.feedForward(4))
                .addLayer("d1", new DenseLayer.Builder().nOut(3).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nOut(3).build(), "in")
                .addVertex("largest", new ElementWiseVertex(ElementWiseVertex.Op.Max), "d1", "d2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).build(),
                        "largest")
                .setOutputs("out").build());
        max.init();
        e = assertThrows(OnnxExportException.class, () -> Dl4jOnnxExporter.export(max, new long[] {4}));
        assertTrue(e.getMessage().matches("vertex \\d+ \"largest\" \\(ElementWiseVertex\\): element-wise operation"
                + " Max"), e.getMessage());
    }

    @Test
    void theModelDeclaresASymbolicBatchAndTheLogitsOutput() throws Exception {
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Dl4jOnnxExporter.export(TinyNetworks.cnn8(),
                new long[] {1, 8, 8}));
        assertEquals(7, model.getIrVersion());
        assertEquals(13, model.getOpsetImport(0).getVersion());
        assertEquals("", model.getOpsetImport(0).getDomain());
        Onnx.GraphProto g = model.getGraph();
        assertEquals("input", g.getInput(0).getName());
        assertEquals("N", g.getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("logits", g.getOutput(0).getName());
        assertEquals(3, g.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals(java.util.List.of("Conv", "Tanh", "MaxPool", "Flatten", "Gemm"),
                g.getNodeList().stream().map(Onnx.NodeProto::getOpType).toList());
        assertThrows(OnnxExportException.class, () -> Dl4jOnnxExporter.export(TinyNetworks.cnn8(), new long[] {8, 8}));
    }

    // ---- helpers

    /** Exports, runs in ONNX Runtime and compares with DL4J's logits; returns the model. */
    private static byte[] assertMatches(MultiLayerNetwork net, INDArray x) throws Exception {
        byte[] model = Dl4jOnnxExporter.export(net, Arrays.copyOfRange(x.shape(), 1, x.rank()));
        try (OnnxRuntimeForward ort = OnnxRuntimeForward.open(model)) {
            assertClose(logits(net, x), ort.run(x), "MultiLayerNetwork");
        }
        return model;
    }

    private static byte[] assertMatches(ComputationGraph graph, INDArray x) throws Exception {
        byte[] model = Dl4jOnnxExporter.export(graph, Arrays.copyOfRange(x.shape(), 1, x.rank()));
        try (OnnxRuntimeForward ort = OnnxRuntimeForward.open(model)) {
            assertClose(logits(graph, x), ort.run(x), "ComputationGraph");
        }
        return model;
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + " shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1, e.amaxNumber().doubleValue());
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= TOLERANCE * scale, what + ": max |ONNX - DL4J| = " + diff + " for logits up to " + scale);
    }

    /** DL4J's logits: the same network with an identity activation on its output layer. */
    static INDArray logits(MultiLayerNetwork net, INDArray x) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        Layer last = conf.getConf(conf.getConfs().size() - 1).getLayer();
        ((BaseLayer) last).setActivationFn(new ActivationIdentity());
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params(), false);
        return copy.output(x, false);
    }

    /** As above; DL4J's {@code MergeVertex.clone()} forgets the merge axis, so the copy is told it again. */
    static INDArray logits(ComputationGraph graph, INDArray x) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        graph.getConfiguration().getVertices().forEach((name, v) -> {
            if (v instanceof MergeVertex m) {
                ((MergeVertex) conf.getVertices().get(name)).setMergeAxis(m.getMergeAxis());
            }
        });
        LayerVertex out = (LayerVertex) conf.getVertices().get(conf.getNetworkOutputs().get(0));
        ((BaseLayer) out.getLayerConf().getLayer()).setActivationFn(new ActivationIdentity());
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(graph.params(), false);
        return copy.outputSingle(false, x);
    }

    private static int count(byte[] model, String op) throws Exception {
        return (int) Onnx.ModelProto.parseFrom(model).getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals(op)).count();
    }

    /** Mean, variance (or log10 std), gamma and beta away from their initial 0, 1, 1, 0. */
    static void randomiseStatistics(org.deeplearning4j.nn.api.Layer bn) {
        for (String p : new String[] {"mean", "beta"}) {
            INDArray v = bn.getParam(p);
            v.assign(Nd4j.rand(v.dataType(), v.shape()).subi(0.5));
        }
        INDArray gamma = bn.getParam("gamma");
        gamma.assign(Nd4j.rand(gamma.dataType(), gamma.shape()).addi(0.5));
        INDArray spread = bn.getParam(bn.paramTable().containsKey("log10stdev") ? "log10stdev" : "var");
        spread.assign(Nd4j.rand(spread.dataType(), spread.shape()).muli(0.5));
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER);
    }

    private static MultiLayerNetwork network(InputType input, Layer... layers) {
        var list = base().list();
        for (Layer l : layers) {
            list.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(input).build());
        net.init();
        return net;
    }

    private static ConvolutionLayer conv(int kernel, int out, Activation activation, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(kernel, kernel).nOut(out).convolutionMode(ConvolutionMode.Same)
                .activation(activation).dataFormat(format).build();
    }

    private static INDArray random(long... shape) {
        Nd4j.getRandom().setSeed(SEED + Arrays.hashCode(shape));
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.25).muli(2);
    }
}
