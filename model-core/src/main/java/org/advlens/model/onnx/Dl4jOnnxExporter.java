package org.advlens.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.advlens.model.FloatArrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exports a DL4J network once, at load time, to an ONNX graph (opset 13) that computes its logits, so that it can
 * run on ONNX Runtime. The graph has one float input {@code input} of shape {@code [N, inputShape...]} (a symbolic
 * batch, the network's own layout: NCHW for DL4J CNNs, NHWC for Keras imports) and one output {@code logits}
 * {@code [N, classes]}: the pre-activation output of the last layer, without its softmax or sigmoid.
 *
 * <p>Only plain ops are emitted (Conv, Gemm, MatMul, Relu, LeakyRelu, Sigmoid, Tanh, Softmax, MaxPool,
 * AveragePool, GlobalAveragePool, GlobalMaxPool, BatchNormalization, Add, Sub, Mul, Concat, Flatten, Reshape,
 * Transpose), and nothing approximate: a layer, vertex or setting without an exact equivalent is an
 * {@link OnnxExportException} naming it, and the caller keeps the DL4J path.
 *
 * <p>The weights are copied: later changes to the network's parameters are not seen by the exported graph. A
 * caller that must follow them, as adversarial training does, exports with {@link #exportWithBindings}, which
 * says which initializer holds which DL4J parameter verbatim, and feeds {@link #currentValues} in their place.
 */
public final class Dl4jOnnxExporter {

    private Dl4jOnnxExporter() {
    }

    /**
     * A DL4J parameter that an exported initializer holds verbatim: the same values in row-major ({@code 'c'})
     * order, possibly with another shape (a {@code [1, n]} bias as {@code [n]}).
     *
     * @param initializer      the initializer's name in the exported graph
     * @param layer            the layer: its index in a MultiLayerNetwork ({@code "0"}, {@code "1"}, ...) or its
     *                         vertex name in a ComputationGraph
     * @param key              the DL4J parameter key ({@code "W"}, {@code "b"}, {@code "gamma"}, {@code "beta"},
     *                         {@code "mean"}, {@code "var"}, ...)
     * @param initializerShape the initializer's shape, whose product is the parameter's length
     */
    public record ParameterBinding(String initializer, String layer, String key, long[] initializerShape) {

        public ParameterBinding {
            requireName(initializer, "initializer");
            requireName(layer, "layer");
            requireName(key, "key");
            if (initializerShape == null || Arrays.stream(initializerShape).anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException("initializer shape " + Arrays.toString(initializerShape)
                        + " of " + initializer + " (positive sizes expected)");
            }
            initializerShape = initializerShape.clone();
        }

        @Override
        public long[] initializerShape() {
            return initializerShape.clone();
        }

        /** The number of values: the product of the initializer's shape. */
        public long length() {
            long n = 1;
            for (long d : initializerShape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterBinding b && initializer.equals(b.initializer) && layer.equals(b.layer)
                    && key.equals(b.key) && Arrays.equals(initializerShape, b.initializerShape);
        }

        @Override
        public int hashCode() {
            return Objects.hash(initializer, layer, key, Arrays.hashCode(initializerShape));
        }

        @Override
        public String toString() {
            return initializer + " <- layer " + layer + " " + key + " " + Arrays.toString(initializerShape);
        }
    }

    /**
     * An exported network: the ONNX model bytes, the bindings of every initializer that holds a parameter
     * verbatim, and the initializers computed from parameters by a transform (a batch-norm variance from DL4J's
     * {@code log10} standard deviation), which cannot be fed from the parameters verbatim. Initializers that are
     * no parameter (shape constants, fixed batch-norm gamma and beta) are in neither list.
     *
     * @param model    the serialised ONNX model
     * @param bindings the verbatim parameters, one per initializer
     * @param derived  the names of the initializers derived from parameters
     */
    public record ExportedNetwork(byte[] model, List<ParameterBinding> bindings, List<String> derived) {

        public ExportedNetwork {
            if (model == null || model.length == 0) {
                throw new IllegalArgumentException("an empty model: "
                        + (model == null ? null : model.length + " bytes"));
            }
            if (bindings == null || derived == null || bindings.stream().anyMatch(Objects::isNull)
                    || derived.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("bindings " + bindings + " and derived " + derived
                        + " must be lists without nulls");
            }
            Set<String> seen = new HashSet<>();
            for (String name : bindings.stream().map(ParameterBinding::initializer).toList()) {
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("initializer " + name + " bound twice");
                }
            }
            for (String name : derived) {
                requireName(name, "derived initializer");
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("initializer " + name
                            + " both bound and derived, or listed twice");
                }
            }
            model = model.clone();
            bindings = List.copyOf(bindings);
            derived = List.copyOf(derived);
        }

        @Override
        public byte[] model() {
            return model.clone();
        }

        /** Whether no initializer is derived, so that feeding the bindings follows every parameter. */
        public boolean fullyBound() {
            return derived.isEmpty();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ExportedNetwork e && Arrays.equals(model, e.model) && bindings.equals(e.bindings)
                    && derived.equals(e.derived);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(model), bindings, derived);
        }

        @Override
        public String toString() {
            return "ExportedNetwork[" + model.length + " bytes, " + bindings.size() + " bindings, derived "
                    + derived + "]";
        }
    }

    /** The ONNX model bytes computing {@code net}'s logits for inputs {@code [N, inputShape...]}. */
    public static byte[] export(MultiLayerNetwork net, long[] inputShape) throws OnnxExportException {
        return exportWithBindings(net, inputShape).model();
    }

    /** The ONNX model bytes computing {@code graph}'s logits; the graph needs one input and one output layer. */
    public static byte[] export(ComputationGraph graph, long[] inputShape) throws OnnxExportException {
        return exportWithBindings(graph, inputShape).model();
    }

    /** {@link #export(MultiLayerNetwork, long[])} with the initializers' parameter bindings. */
    public static ExportedNetwork exportWithBindings(MultiLayerNetwork net, long[] inputShape)
            throws OnnxExportException {
        checkParameters(net.params());
        OnnxGraphWriter w = new OnnxGraphWriter();
        ExportedValue x = w.input(checkShape(inputShape));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int count = conf.getConfs().size();
        for (int i = 0; i < count; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String where = "layer " + i + " \"" + layer.getLayerName() + "\" (" + layer.getClass().getSimpleName()
                    + ")";
            w.scope("layer" + i, String.valueOf(i));
            try {
                x = PreProcessorExporter.apply(w, conf.getInputPreProcess(i), x);
                x = LayerExporter.export(w, layer, net.getLayer(i), x, i == count - 1);
            } catch (OnnxExportException | RuntimeException e) {
                throw located(where, e);
            }
        }
        return w.model(x, "DL4J MultiLayerNetwork with " + count + " layers, exported by AdvLens");
    }

    /** {@link #export(ComputationGraph, long[])} with the initializers' parameter bindings. */
    public static ExportedNetwork exportWithBindings(ComputationGraph graph, long[] inputShape)
            throws OnnxExportException {
        checkParameters(graph.params());
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new OnnxExportException("the graph has inputs " + conf.getNetworkInputs() + " and outputs "
                    + conf.getNetworkOutputs() + "; a classifier has exactly one of each");
        }
        String output = conf.getNetworkOutputs().get(0);
        OnnxGraphWriter w = new OnnxGraphWriter();
        Map<String, ExportedValue> values = new HashMap<>();
        values.put(conf.getNetworkInputs().get(0), w.input(checkShape(inputShape)));
        org.deeplearning4j.nn.graph.vertex.GraphVertex[] vertices = graph.getVertices();
        for (int index : graph.topologicalSortOrder()) {
            String name = vertices[index].getVertexName();
            if (values.containsKey(name)) {
                continue; // the input
            }
            GraphVertex vertex = conf.getVertices().get(name);
            String kind = vertex instanceof LayerVertex lv ? lv.getLayerConf().getLayer().getClass().getSimpleName()
                    : vertex.getClass().getSimpleName();
            String where = "vertex " + index + " \"" + name + "\" (" + kind + ")";
            w.scope(name, name);
            try {
                List<ExportedValue> in = new ArrayList<>();
                for (String from : conf.getVertexInputs().get(name)) {
                    in.add(values.get(from));
                }
                values.put(name, vertex(w, graph, name, vertex, in, name.equals(output)));
            } catch (OnnxExportException | RuntimeException e) {
                throw located(where, e);
            }
        }
        return w.model(values.get(output), "DL4J ComputationGraph with " + vertices.length
                + " vertices, exported by AdvLens");
    }

    /**
     * The current values of the bound parameters of {@code network} (the MultiLayerNetwork or ComputationGraph
     * that was exported), by initializer name in the order of {@code bindings}: each parameter as floats in
     * row-major order, ready to feed in place of its initializer.
     *
     * @throws IllegalArgumentException if the network is neither, or a binding names a layer or parameter it
     *                                  lacks, or a parameter whose length no longer matches the initializer
     */
    public static Map<String, float[]> currentValues(Object network, List<ParameterBinding> bindings) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterBinding b : bindings) {
            INDArray param = parameter(network, b);
            if (param.length() != b.length()) {
                throw new IllegalArgumentException("parameter " + b.key() + " of layer " + b.layer() + " has "
                        + param.length() + " values for initializer " + b.initializer() + " of shape "
                        + Arrays.toString(b.initializerShape()));
            }
            values.put(b.initializer(), FloatArrays.of(param));
        }
        return Collections.unmodifiableMap(values);
    }

    private static INDArray parameter(Object network, ParameterBinding b) {
        org.deeplearning4j.nn.api.Layer layer;
        if (network instanceof MultiLayerNetwork net) {
            int index;
            try {
                index = Integer.parseInt(b.layer());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layer \"" + b.layer() + "\" is no layer index", e);
            }
            if (index < 0 || index >= net.getnLayers()) {
                throw new IllegalArgumentException("layer " + index + " of a network with " + net.getnLayers()
                        + " layers");
            }
            layer = net.getLayer(index);
        } else if (network instanceof ComputationGraph graph) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex vertex = graph.getVertex(b.layer());
            layer = vertex == null || !vertex.hasLayer() ? null : vertex.getLayer();
            if (layer == null) {
                throw new IllegalArgumentException("the graph has no layer \"" + b.layer() + "\"");
            }
        } else {
            throw new IllegalArgumentException("not a MultiLayerNetwork or ComputationGraph: "
                    + (network == null ? null : network.getClass().getName()));
        }
        INDArray param = layer.paramTable().get(b.key());
        if (param == null) {
            throw new IllegalArgumentException("layer " + b.layer() + " has no parameter " + b.key() + " (it has "
                    + layer.paramTable().keySet() + ")");
        }
        return param;
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name \"" + name + "\" is blank");
        }
    }

    private static ExportedValue vertex(OnnxGraphWriter w, ComputationGraph graph, String name, GraphVertex vertex,
                                        List<ExportedValue> in, boolean logits) throws OnnxExportException {
        if (vertex.getClass() == LayerVertex.class) {
            if (in.size() != 1) {
                throw new OnnxExportException(in.size() + " inputs to a layer");
            }
            LayerVertex lv = (LayerVertex) vertex;
            ExportedValue x = PreProcessorExporter.apply(w, lv.getPreProcessor(), in.get(0));
            return LayerExporter.export(w, lv.getLayerConf().getLayer(), graph.getLayer(name), x, logits);
        }
        if (logits) {
            throw new OnnxExportException("the output vertex must be a dense or output layer whose pre-activation"
                    + " output is the logits");
        }
        return VertexExporter.export(w, vertex, in);
    }

    private static OnnxExportException located(String where, Exception e) {
        String reason = e instanceof OnnxExportException ? e.getMessage()
                : "cannot be exported: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        return new OnnxExportException(where + ": " + reason, e);
    }

    private static void checkParameters(INDArray params) throws OnnxExportException {
        DataType type = params == null ? null : params.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new OnnxExportException("parameters of type " + type + " (float or double expected)");
        }
    }

    private static long[] checkShape(long[] inputShape) throws OnnxExportException {
        if (inputShape == null || (inputShape.length != 1 && inputShape.length != 3)
                || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
            throw new OnnxExportException("input shape " + Arrays.toString(inputShape) + " after the batch; expected"
                    + " {features} or {c, h, w} / {h, w, c} with positive sizes");
        }
        return inputShape.clone();
    }
}
