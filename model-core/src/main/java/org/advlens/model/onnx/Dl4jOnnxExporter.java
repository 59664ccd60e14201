package org.advlens.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@link OnnxExportException} naming it, and the caller keeps the DL4J path. The weights are copied: later
 * changes to the network's parameters are not seen by the exported graph.
 */
public final class Dl4jOnnxExporter {

    private Dl4jOnnxExporter() {
    }

    /** The ONNX model bytes computing {@code net}'s logits for inputs {@code [N, inputShape...]}. */
    public static byte[] export(MultiLayerNetwork net, long[] inputShape) throws OnnxExportException {
        checkParameters(net.params());
        OnnxGraphWriter w = new OnnxGraphWriter();
        ExportedValue x = w.input(checkShape(inputShape));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int count = conf.getConfs().size();
        for (int i = 0; i < count; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String where = "layer " + i + " \"" + layer.getLayerName() + "\" (" + layer.getClass().getSimpleName()
                    + ")";
            w.scope("layer" + i);
            try {
                x = PreProcessorExporter.apply(w, conf.getInputPreProcess(i), x);
                x = LayerExporter.export(w, layer, net.getLayer(i), x, i == count - 1);
            } catch (OnnxExportException | RuntimeException e) {
                throw located(where, e);
            }
        }
        return w.model(x, "DL4J MultiLayerNetwork with " + count + " layers, exported by AdvLens");
    }

    /** The ONNX model bytes computing {@code graph}'s logits; the graph needs one input and one output layer. */
    public static byte[] export(ComputationGraph graph, long[] inputShape) throws OnnxExportException {
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
            w.scope(name);
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
