package org.advlens.model.gradient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;
import org.advlens.model.onnx.OnnxProtos;

/**
 * A classifier's forward graph as the gradient engine reads it: its one image input, its logits (before a final
 * Softmax, which is cut off), the nodes the logits depend on, which values depend on the input (and need a
 * gradient when differentiably so), and its constants.
 */
final class ForwardGraph {

    final ModelProto model;
    final GraphProto graph;
    final ValueInfoProto input;
    /** The input's dimensions, -1 where symbolic. */
    final long[] dims;
    /** The final Softmax cut off, or {@code null}. */
    final NodeProto softmax;
    final String logits;
    /** The nodes the logits depend on, in graph order. */
    final List<NodeProto> needed;
    /** Values that depend differentiably on the input. */
    final Set<String> active = new HashSet<>();
    /** Values whose contents change with the input or the weight inputs: not constants. */
    final Set<String> dependent = new HashSet<>();
    /** Initializers and Constant-node values, the weight inputs left out. */
    final Map<String, TensorProto> constants;
    /** The initializers that become graph inputs. */
    final Map<String, TensorProto> weights;

    private ForwardGraph(ModelProto model, Set<String> weightInputs) throws UnsupportedGradientException {
        this.model = model;
        this.graph = model.getGraph();
        Map<String, TensorProto> all = constants(graph);
        this.input = singleInput(graph, all);
        this.dims = dims(input);
        this.constants = new HashMap<>(all);
        this.weights = WeightInputs.take(constants, weightInputs);
        String output = graph.getOutput(0).getName();
        this.softmax = finalSoftmax(graph, output);
        this.logits = softmax == null ? output : softmax.getInput(0);
        this.needed = needed(graph, logits);
        dependent.add(input.getName());
        dependent.addAll(weights.keySet());
        active.add(input.getName());
        for (NodeProto n : needed) {
            boolean reached = n.getInputList().stream().anyMatch(dependent::contains);
            boolean differentiable = isActiveNode(n);
            for (String o : n.getOutputList()) {
                if (reached) {
                    dependent.add(o);
                }
                if (differentiable) {
                    active.add(o);
                }
            }
        }
        if (!active.contains(logits)) {
            throw new UnsupportedGradientException("the logits do not depend differentiably on the input");
        }
    }

    /** Reads the forward graph of a model with the named initializers as weight inputs. */
    static ForwardGraph of(ModelProto model, Set<String> weightInputs) throws UnsupportedGradientException {
        return new ForwardGraph(model, weightInputs);
    }

    /** Whether the node has an input that depends differentiably on the model input and an op that passes it on. */
    boolean isActiveNode(NodeProto n) {
        return !BackwardRules.NOT_DIFFERENTIABLE.contains(n.getOpType())
                && n.getInputList().stream().anyMatch(active::contains);
    }

    /** The batch size the input was exported with, or -1 when the batch axis is free. */
    long fixedBatch() {
        return dims[0] > 0 ? dims[0] : -1;
    }

    /** The input shape of the probe run: the fixed batch or 2. */
    long[] probeShape() throws UnsupportedGradientException {
        long[] shape = dims.clone();
        shape[0] = fixedBatch() > 0 ? fixedBatch() : 2;
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new UnsupportedGradientException("the input " + input.getName() + " has no fixed size along"
                        + " axis " + i);
            }
        }
        return shape;
    }

    /** The needed nodes alone, with the logits as the (untyped) output. */
    ModelProto logitsModel() {
        return model.toBuilder().setGraph(graph.toBuilder().clearNode().addAllNode(needed).clearOutput()
                .addOutput(ValueInfoProto.newBuilder().setName(logits))).build();
    }

    List<String> layers(ShapeProbe.Result probe) {
        return layers(needed, probe);
    }

    List<String> spatialValues(ShapeProbe.Result probe) {
        return spatialValues(needed, active, probe);
    }

    String lastConvolution() {
        return lastConvolution(needed, active);
    }

    Set<String> usedNames() {
        return usedNames(graph);
    }

    /** One line per node that carries a float value: op, name and output shape with the batch as {@code n}. */
    private static List<String> layers(List<NodeProto> nodes, ShapeProbe.Result probe) {
        List<String> lines = new ArrayList<>();
        for (NodeProto n : nodes) {
            long[] s = n.getOutputCount() == 0 ? null : probe.shape(n.getOutput(0));
            if (s == null || n.getOpType().equals("Constant") || probe.floats(n.getOutput(0)) != null) {
                continue;
            }
            StringBuilder shape = new StringBuilder("[n");
            for (int i = 1; i < s.length; i++) {
                shape.append(", ").append(s[i]);
            }
            lines.add(OnnxProtos.describe(n) + " -> " + shape.append(']'));
        }
        return lines;
    }

    private static final java.util.Set<String> SPATIAL_OPS = java.util.Set.of("Conv", "Relu", "LeakyRelu",
            "Sigmoid", "Tanh", "MaxPool", "AveragePool", "BatchNormalization", "Add");

    /** Outputs of the image-shaped layers that depend on the input, input to output. */
    private static List<String> spatialValues(List<NodeProto> nodes, Set<String> active, ShapeProbe.Result probe) {
        List<String> out = new ArrayList<>();
        for (NodeProto n : nodes) {
            String v = n.getOutputCount() == 0 ? "" : n.getOutput(0);
            long[] s = probe.shape(v);
            if (SPATIAL_OPS.contains(n.getOpType()) && active.contains(v) && s != null && s.length == 4) {
                out.add(v);
            }
        }
        return out;
    }

    private static final java.util.Set<String> ACTIVATIONS = java.util.Set.of("Relu", "LeakyRelu", "Sigmoid",
            "Tanh", "Clip");

    /** The output of the last Conv node, or of the activation that alone consumes it. */
    private static String lastConvolution(List<NodeProto> nodes, Set<String> active) {
        String last = "";
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("Conv") && active.contains(n.getOutput(0))) {
                last = n.getOutput(0);
            } else if (ACTIVATIONS.contains(n.getOpType()) && !last.isEmpty() && n.getInput(0).equals(last)
                    && consumers(nodes, last) == 1) {
                last = n.getOutput(0);
            }
        }
        return last;
    }

    private static long consumers(List<NodeProto> nodes, String value) {
        return nodes.stream().filter(n -> n.getInputList().contains(value)).count();
    }

    /** Initializers and the values of Constant nodes. */
    private static Map<String, TensorProto> constants(GraphProto graph) {
        Map<String, TensorProto> constants = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                AttributeProto value = OnnxProtos.attribute(n, "value");
                if (value != null && value.hasT()) {
                    constants.put(n.getOutput(0), value.getT());
                }
            }
        }
        return constants;
    }

    private static ValueInfoProto singleInput(GraphProto graph, Map<String, TensorProto> constants)
            throws UnsupportedGradientException {
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(i -> !constants.containsKey(i.getName())).toList();
        if (inputs.size() != 1) {
            throw new UnsupportedGradientException("the model has " + inputs.size() + " inputs; expected one");
        }
        return inputs.get(0);
    }

    /** The input's dimensions; a symbolic or missing dimension is -1. */
    private static long[] dims(ValueInfoProto input) throws UnsupportedGradientException {
        if (!input.getType().hasTensorType() || !input.getType().getTensorType().hasShape()) {
            throw new UnsupportedGradientException("the input " + input.getName() + " has no declared shape");
        }
        if (input.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new UnsupportedGradientException("the input " + input.getName() + " is not float32");
        }
        List<TensorShapeProto.Dimension> d = input.getType().getTensorType().getShape().getDimList();
        return d.stream().mapToLong(x -> x.hasDimValue() ? x.getDimValue() : -1).toArray();
    }

    private static NodeProto finalSoftmax(GraphProto graph, String output) {
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Softmax") && n.getOutputCount() == 1 && n.getOutput(0).equals(output)) {
                return n;
            }
        }
        return null;
    }

    /** The nodes the value depends on, in graph order. */
    private static List<NodeProto> needed(GraphProto graph, String value) throws UnsupportedGradientException {
        Map<String, Integer> producer = new HashMap<>();
        List<NodeProto> nodes = graph.getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).getOutputList()) {
                producer.put(o, i);
            }
        }
        boolean[] keep = new boolean[nodes.size()];
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(value));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String v = todo.pop();
            Integer i = producer.get(v);
            if (!seen.add(v) || i == null || keep[i]) {
                continue;
            }
            keep[i] = true;
            NodeProto n = nodes.get(i);
            if (n.getAttributeList().stream().anyMatch(a -> a.hasG() || a.getGraphsCount() > 0)) {
                throw new UnsupportedGradientException(OnnxProtos.describe(n) + " has a subgraph (control flow)");
            }
            n.getInputList().stream().filter(s -> !s.isEmpty()).forEach(todo::push);
        }
        List<NodeProto> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (keep[i]) {
                out.add(nodes.get(i));
            }
        }
        return out;
    }

    private static Set<String> usedNames(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getInputList().forEach(i -> names.add(i.getName()));
        for (NodeProto n : graph.getNodeList()) {
            names.addAll(n.getInputList());
            names.addAll(n.getOutputList());
            names.add(n.getName());
        }
        return names;
    }
}
