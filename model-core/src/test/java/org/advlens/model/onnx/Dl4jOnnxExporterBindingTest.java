package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import onnx.Onnx;
import org.advlens.data.Datasets;
import org.advlens.model.Classifier;
import org.advlens.model.NetworkBacked;
import org.advlens.model.TinyNetworks;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.load.ReferenceNetworks;
import org.advlens.model.onnx.Dl4jOnnxExporter.ExportedNetwork;
import org.advlens.model.onnx.Dl4jOnnxExporter.ParameterBinding;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.protobuf.ByteString;

/**
 * The parameter bindings of an exported network. Every DL4J parameter is bound to an initializer that holds it
 * verbatim, or feeds a derived one (DL4J's default {@code log10} standard deviation of batch normalisation);
 * and the decisive check: after the network's parameters change in place, the exported graph with its bound
 * initializers replaced by {@link Dl4jOnnxExporter#currentValues} gives the changed network's logits, without
 * exporting again.
 */
class Dl4jOnnxExporterBindingTest {

    private static final long SEED = 20261208;

    @TempDir
    Path dir;

    @BeforeAll
    static void onnxRuntimeRuns() {
        assertTrue(OnnxRuntimeForward.unavailableReason().isEmpty(), "surefire starts Java with a short command line");
    }

    @Test
    void bundledFashionCnnFollowsItsChangedParameters() throws Exception {
        Path file = dir.resolve("fashion-cnn.zip");
        try (InputStream in = Dl4jOnnxExporterBindingTest.class.getResourceAsStream(ModelLoader.BUNDLED_MODEL)) {
            Files.copy(in, file);
        }
        try (Classifier c = ModelLoader.load(file)) {
            MultiLayerNetwork net = (MultiLayerNetwork) ((NetworkBacked) c).network();
            INDArray x = Datasets.bundledEvaluation().images().slice(0, 16).toArray();
            assertFollows(net, x);
        }
    }

    @Test
    void tinyNetworksFollowTheirChangedParameters() throws Exception {
        assertFollows(TinyNetworks.cnn8(), TinyNetworks.input(1, 5, 1, 8, 8));
        assertFollows(TinyNetworks.cnn(InputType.convolutional(8, 8, 1, CNN2DFormat.NHWC), 11),
                TinyNetworks.input(2, 5, 8, 8, 1));
        assertFollows(TinyNetworks.mlp16(), TinyNetworks.input(3, 5, 16));
        assertFollows(TinyNetworks.graph(13), TinyNetworks.input(4, 5, 1, 6, 6));
    }

    @Test
    void kerasImportInNhwcFollowsItsChangedParameters() throws Exception {
        Path file = dir.resolve("keras-tiny-cnn.h5");
        try (InputStream in = Classifier.class.getResourceAsStream("keras-tiny-cnn.h5")) {
            Files.copy(in, file);
        }
        try (Classifier c = ModelLoader.load(file)) {
            assertFollows((MultiLayerNetwork) ((NetworkBacked) c).network(), TinyNetworks.input(5, 4, 6, 6, 1));
        }
    }

    /**
     * NHWC convolutions, batch normalisation storing its variance (so that mean and variance are bound too) and
     * one with fixed gamma and beta, whose constants are no parameters.
     */
    @Test
    void nhwcNetworkWithBatchNormVarianceFollowsItsChangedParameters() throws Exception {
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).dataFormat(nhwc).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).dataFormat(nhwc).build())
                .layer(new ConvolutionLayer.Builder(2, 2).stride(2, 2).nOut(4).activation(Activation.TANH)
                        .dataFormat(nhwc).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).lockGammaBeta(true).gamma(1.5).beta(-0.25)
                        .dataFormat(nhwc).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).dataFormat(nhwc)
                        .build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.LEAKYRELU).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 2, nhwc)).build());
        net.init();
        Nd4j.getRandom().setSeed(SEED);
        Dl4jOnnxExporterTest.randomiseStatistics(net.getLayer(1));
        Dl4jOnnxExporterTest.randomiseStatistics(net.getLayer(6));
        net.getLayer(3).getParam("mean").assign(Nd4j.rand(DataType.FLOAT, 4).subi(0.5));
        net.getLayer(3).getParam("var").assign(Nd4j.rand(DataType.FLOAT, 4).addi(0.5));
        ExportedNetwork exported = assertFollows(net, TinyNetworks.input(6, 5, 9, 9, 2));
        assertEquals(Set.of("1_gamma", "1_beta", "1_mean", "1_var"), keysOf(exported, "1"));
        assertEquals(Set.of("3_mean", "3_var"), keysOf(exported, "3"), "fixed gamma and beta are constants");
    }

    /** A residual graph whose batch normalisation stores the variance: fully bound. */
    @Test
    void residualGraphWithBatchNormVarianceFollowsItsChangedParameters() throws Exception {
        ComputationGraphConfiguration conf = base().convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("image").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                        "image")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "stem")
                .addLayer("bn", new BatchNormalization.Builder().useLogStd(false).build(), "conv")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn", "stem")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Nd4j.getRandom().setSeed(SEED);
        Dl4jOnnxExporterTest.randomiseStatistics(graph.getLayer("bn"));
        ExportedNetwork exported = assertFollows(graph, TinyNetworks.input(7, 4, 3, 8, 8));
        assertEquals(Set.of("bn_gamma", "bn_beta", "bn_mean", "bn_var"), keysOf(exported, "bn"));
    }

    /**
     * The ResNet-style reference graph keeps DL4J's default {@code log10} standard deviation, so each batch
     * norm's variance is derived and listed; every other parameter is bound, and with only those changed the
     * rebound graph follows the network.
     */
    @Test
    void resnetGraphListsEachLogStdVarianceAsDerivedAndFollowsEveryOtherParameter() throws Exception {
        ComputationGraph graph = ReferenceNetworks.resnetGraph(2, SEED);
        Nd4j.getRandom().setSeed(SEED);
        List<String> logStd = new ArrayList<>();
        for (Layer l : graph.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                Dl4jOnnxExporterTest.randomiseStatistics(l);
                logStd.add(l.conf().getLayer().getLayerName() + "_log10stdev");
            }
        }
        assertEquals(8, logStd.size());
        INDArray x = TinyNetworks.input(8, 3, 3, 32, 32);
        ExportedNetwork exported = Dl4jOnnxExporter.exportWithBindings(graph, new long[] {3, 32, 32});
        assertFalse(exported.fullyBound());
        assertEquals(8, exported.derived().size(), exported.derived().toString());
        assertTrue(exported.derived().stream().allMatch(n -> n.endsWith(".var")), exported.derived().toString());
        Set<String> unbound = new TreeSet<>(graph.paramTable().keySet());
        unbound.removeAll(boundKeys(exported));
        assertEquals(new TreeSet<>(logStd), unbound, "only the log10 standard deviations are not bound");
        assertBindingsHoldTheParameters(graph, exported);

        INDArray before = Dl4jOnnxExporterTest.logits(graph, x);
        for (Layer l : graph.getLayers()) {
            l.paramTable().forEach((key, p) -> {
                if (!key.equals("log10stdev")) {
                    p.muli(1.1).addi(0.01);
                }
            });
        }
        assertFollowsAfterChange(exported, graph, Dl4jOnnxExporterTest.logits(graph, x), before, x);
    }

    @Test
    void currentValuesAreTheParametersInRowMajorOrder() throws Exception {
        MultiLayerNetwork net = TinyNetworks.mlp16();
        ExportedNetwork exported = Dl4jOnnxExporter.exportWithBindings(net, new long[] {16});
        ParameterBinding w = exported.bindings().stream().filter(b -> b.layer().equals("0") && b.key().equals("W"))
                .findFirst().orElseThrow();
        assertArrayEquals(new long[] {16, 5}, w.initializerShape());
        INDArray weights = net.getLayer(0).getParam("W");
        float[] values = Dl4jOnnxExporter.currentValues(net, List.of(w)).get(w.initializer());
        assertEquals(weights.getFloat(2, 3), values[2 * 5 + 3]);
        ParameterBinding b = exported.bindings().stream().filter(p -> p.layer().equals("1") && p.key().equals("b"))
                .findFirst().orElseThrow();
        assertArrayEquals(new long[] {3}, b.initializerShape());
        assertEquals(3, net.getLayer(1).getParam("b").length());
    }

    @Test
    void currentValuesRejectsBindingsTheNetworkDoesNotHave() {
        MultiLayerNetwork net = TinyNetworks.mlp16();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jOnnxExporter
                .currentValues(net, List.of(new ParameterBinding("w", "0", "W", new long[] {16, 4}))));
        assertTrue(e.getMessage().contains("80 values for initializer w of shape [16, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jOnnxExporter
                .currentValues(net, List.of(new ParameterBinding("w", "2", "W", new long[] {1}))));
        assertTrue(e.getMessage().contains("layer 2 of a network with 2 layers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jOnnxExporter
                .currentValues(net, List.of(new ParameterBinding("w", "0", "gamma", new long[] {1}))));
        assertTrue(e.getMessage().contains("has no parameter gamma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jOnnxExporter
                .currentValues(TinyNetworks.graph(13),
                        List.of(new ParameterBinding("w", "none", "W", new long[] {1}))));
        assertTrue(e.getMessage().contains("no layer \"none\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dl4jOnnxExporter.currentValues("a network", List.of(
                new ParameterBinding("w", "0", "W", new long[] {1}))));
    }

    @Test
    void recordsRejectBadValues() {
        long[] shape = {2, 3};
        assertThrows(IllegalArgumentException.class, () -> new ParameterBinding(" ", "0", "W", shape));
        assertThrows(IllegalArgumentException.class, () -> new ParameterBinding("w", null, "W", shape));
        assertThrows(IllegalArgumentException.class, () -> new ParameterBinding("w", "0", "", shape));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParameterBinding("w", "0", "W", new long[] {2, 0}));
        assertTrue(e.getMessage().contains("[2, 0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterBinding("w", "0", "W", null));

        ParameterBinding w = new ParameterBinding("w", "0", "W", shape);
        shape[0] = 7;
        assertArrayEquals(new long[] {2, 3}, w.initializerShape(), "the shape is copied");
        assertEquals(6, w.length());
        assertEquals(w, new ParameterBinding("w", "0", "W", new long[] {2, 3}));

        byte[] model = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> new ExportedNetwork(new byte[0], List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ExportedNetwork(model, List.of(w, w), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ExportedNetwork(model, List.of(w), List.of("w")));
        assertThrows(IllegalArgumentException.class, () -> new ExportedNetwork(model, List.of(), List.of(" ")));
        assertThrows(IllegalArgumentException.class, () -> new ExportedNetwork(model, null, List.of()));
        ExportedNetwork n = new ExportedNetwork(model, List.of(w), List.of("v"));
        model[0] = 9;
        assertEquals(1, n.model()[0], "the bytes are copied");
    }

    // ---- helpers

    /**
     * Checks the bindings of a network with no derived initializer, changes every parameter in place and checks
     * that the rebound export gives the changed logits; returns the export.
     */
    private static ExportedNetwork assertFollows(MultiLayerNetwork net, INDArray x) throws Exception {
        ExportedNetwork exported = Dl4jOnnxExporter.exportWithBindings(net, Arrays.copyOfRange(x.shape(), 1,
                x.rank()));
        assertFullyBound(net.paramTable().keySet(), exported);
        assertBindingsHoldTheParameters(net, exported);
        INDArray before = Dl4jOnnxExporterTest.logits(net, x);
        net.params().muli(1.1).addi(0.01);
        assertFollowsAfterChange(exported, net, Dl4jOnnxExporterTest.logits(net, x), before, x);
        return exported;
    }

    private static ExportedNetwork assertFollows(ComputationGraph graph, INDArray x) throws Exception {
        ExportedNetwork exported = Dl4jOnnxExporter.exportWithBindings(graph, Arrays.copyOfRange(x.shape(), 1,
                x.rank()));
        assertFullyBound(graph.paramTable().keySet(), exported);
        assertBindingsHoldTheParameters(graph, exported);
        INDArray before = Dl4jOnnxExporterTest.logits(graph, x);
        graph.params().muli(1.1).addi(0.01);
        assertFollowsAfterChange(exported, graph, Dl4jOnnxExporterTest.logits(graph, x), before, x);
        return exported;
    }

    private static void assertFullyBound(Set<String> params, ExportedNetwork exported) {
        assertTrue(exported.fullyBound(), "derived " + exported.derived());
        assertEquals(new TreeSet<>(params), new TreeSet<>(boundKeys(exported)), "every parameter is bound once");
        assertEquals(params.size(), exported.bindings().size());
    }

    /** Each bound initializer has its binding's shape and holds the parameter's values exactly. */
    private static void assertBindingsHoldTheParameters(Object network, ExportedNetwork exported) throws Exception {
        Map<String, Onnx.TensorProto> initializers = initializers(exported.model());
        Map<String, float[]> current = Dl4jOnnxExporter.currentValues(network, exported.bindings());
        for (ParameterBinding b : exported.bindings()) {
            Onnx.TensorProto t = initializers.get(b.initializer());
            assertTrue(t != null, b + " is an initializer of the model");
            assertArrayEquals(b.initializerShape(), t.getDimsList().stream().mapToLong(Long::longValue).toArray(),
                    b.toString());
            assertEquals(b.length(), current.get(b.initializer()).length, b.toString());
            assertArrayEquals(current.get(b.initializer()), floats(t.getRawData()), b + " holds the parameter");
        }
        for (String d : exported.derived()) {
            assertTrue(initializers.containsKey(d), d + " is an initializer of the model");
        }
    }

    /**
     * The export run as it was still gives the logits from before the change (so that the change matters); with
     * the current values fed to its bound initializers it gives the changed network's logits.
     */
    private static void assertFollowsAfterChange(ExportedNetwork exported, Object network, INDArray expected,
                                                 INDArray before, INDArray x) throws Exception {
        try (OnnxRuntimeForward stale = OnnxRuntimeForward.open(exported.model())) {
            INDArray staleLogits = stale.run(x);
            Dl4jOnnxExporterTest.assertClose(before, staleLogits, "the export before the change");
            double moved = expected.castTo(DataType.DOUBLE).sub(staleLogits.castTo(DataType.DOUBLE)).amaxNumber()
                    .doubleValue();
            assertTrue(moved > 1e-2, "the change moved the logits by only " + moved);
        }
        byte[] rebound = withValues(exported.model(), Dl4jOnnxExporter.currentValues(network, exported.bindings()));
        try (OnnxRuntimeForward ort = OnnxRuntimeForward.open(rebound)) {
            Dl4jOnnxExporterTest.assertClose(expected, ort.run(x), "the export fed the changed parameters");
        }
    }

    /** The model with the named initializers' data replaced by {@code values} (little-endian raw floats). */
    private static byte[] withValues(byte[] model, Map<String, float[]> values) throws Exception {
        Onnx.ModelProto.Builder m = Onnx.ModelProto.parseFrom(model).toBuilder();
        Onnx.GraphProto.Builder g = m.getGraphBuilder();
        Set<String> replaced = new HashSet<>();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            Onnx.TensorProto t = g.getInitializer(i);
            float[] v = values.get(t.getName());
            if (v != null) {
                ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(v);
                g.setInitializer(i, t.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(bytes.array())));
                replaced.add(t.getName());
            }
        }
        assertEquals(values.keySet(), replaced, "every bound initializer is in the model");
        return m.build().toByteArray();
    }

    private static Map<String, Onnx.TensorProto> initializers(byte[] model) throws Exception {
        Map<String, Onnx.TensorProto> out = new HashMap<>();
        for (Onnx.TensorProto t : Onnx.ModelProto.parseFrom(model).getGraph().getInitializerList()) {
            out.put(t.getName(), t);
        }
        return out;
    }

    private static float[] floats(ByteString raw) {
        float[] out = new float[raw.size() / Float.BYTES];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The bound parameters as keys of DL4J's network-level parameter table: {@code layer_key}. */
    private static List<String> boundKeys(ExportedNetwork exported) {
        return exported.bindings().stream().map(b -> b.layer() + "_" + b.key()).toList();
    }

    private static Set<String> keysOf(ExportedNetwork exported, String layer) {
        Set<String> keys = new HashSet<>();
        for (String k : boundKeys(exported)) {
            if (k.startsWith(layer + "_")) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER);
    }
}
