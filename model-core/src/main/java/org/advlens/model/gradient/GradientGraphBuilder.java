package org.advlens.model.gradient;

import ai.onnxruntime.OrtException;
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
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Reverse-mode differentiation of an ONNX classifier into one ONNX graph that computes the logits and the input
 * gradient of an objective on them ({@link GradientModel}), in plain ONNX ops that ONNX Runtime runs.
 *
 * <p>The forward nodes stay as they are; an objective head turns the logits into their gradient, and each forward
 * node that depends on the input, from the last to the first, gets its backward nodes from its op's
 * {@link BackwardRule} (see {@link BackwardRules}), as in the gradient builders of ONNX Runtime's training mode,
 * PyTorch's autograd and tinygrad. The static shapes the rules need come from one probe run
 * ({@link ShapeProbe}). A final Softmax is cut off so that the objective sees logits.
 *
 * <p>Opsets 13 and later are handled; the result declares at least opset 16 (for ScatterElements with
 * reduction), which is a superset of 13 to 15 for every op the rules accept.
 */
public final class GradientGraphBuilder {

    static final int MIN_OPSET = 13;
    static final int OUT_OPSET = 16;

    private GradientGraphBuilder() {
    }

    /** The gradient model of a classifier's ONNX bytes with the default rules. */
    public static GradientModel build(byte[] model) throws UnsupportedGradientException {
        return build(model, Map.of());
    }

    /** The gradient model with some backward rules replaced (for example ReLU's, for guided backpropagation). */
    public static GradientModel build(byte[] modelBytes, Map<String, BackwardRule> overrides)
            throws UnsupportedGradientException {
        return build(modelBytes, overrides, List.of());
    }

    /**
     * The gradient model that also outputs, for each of {@code innerValues} (forward values that depend on the
     * input, such as {@link GradientModel#spatialValues()}), its activation and the objective's gradient with
     * respect to it: what Grad-CAM needs.
     */
    public static GradientModel build(byte[] modelBytes, Map<String, BackwardRule> overrides, List<String> innerValues)
            throws UnsupportedGradientException {
        return build(modelBytes, overrides, innerValues, Set.of());
    }

    /**
     * The gradient model in which the initializers named in {@code weightInputs} become graph inputs (of the
     * gradient graph and of the logits model), fed at every run ({@link GradientSession#setWeights}): the graph then
     * follows weights that change, as during training, without being built again.
     */
    public static GradientModel build(byte[] modelBytes, Map<String, BackwardRule> overrides, List<String> innerValues,
                                      Set<String> weightInputs) throws UnsupportedGradientException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(modelBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UnsupportedGradientException("not an ONNX model: " + e.getMessage(), e);
        }
        long opset = defaultOpset(model);
        if (opset < MIN_OPSET) {
            throw new UnsupportedGradientException("the model uses opset " + opset + "; the gradient engine needs"
                    + " opset " + MIN_OPSET + " or later (re-export with opset_version=" + MIN_OPSET + ")");
        }
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> allConstants = constants(graph);
        ValueInfoProto input = singleInput(graph, allConstants);
        Map<String, TensorProto> constants = new HashMap<>(allConstants);
        Map<String, TensorProto> weights = WeightInputs.take(constants, weightInputs);
        long[] dims = dims(input);
        String output = graph.getOutput(0).getName();
        NodeProto softmax = finalSoftmax(graph, output);
        String logits = softmax == null ? output : softmax.getInput(0);

        List<NodeProto> needed = needed(graph, logits);
        Set<String> dependent = new HashSet<>();
        Set<String> active = new HashSet<>();
        dependent.add(input.getName());
        dependent.addAll(weights.keySet()); // values computed from weights are not constants
        active.add(input.getName());
        for (NodeProto n : needed) {
            boolean reached = n.getInputList().stream().anyMatch(dependent::contains);
            boolean differentiable = n.getInputList().stream().anyMatch(active::contains)
                    && !BackwardRules.NOT_DIFFERENTIABLE.contains(n.getOpType());
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
        Map<String, BackwardRule> rules = BackwardRules.with(overrides);
        for (NodeProto n : needed) {
            if (isActiveNode(n, active) && ruleFor(n, rules) == null) {
                throw new UnsupportedGradientException("no backward rule for " + Protos.describe(n));
            }
        }

        long fixedBatch = dims[0] > 0 ? dims[0] : -1;
        long[] probeShape = dims.clone();
        probeShape[0] = fixedBatch > 0 ? fixedBatch : 2;
        for (int i = 1; i < probeShape.length; i++) {
            if (probeShape[i] <= 0) {
                throw new UnsupportedGradientException("the input " + input.getName() + " has no fixed size along"
                        + " axis " + i);
            }
        }
        ModelProto forward = model.toBuilder().setGraph(graph.toBuilder().clearNode().addAllNode(needed)
                .clearOutput().addOutput(ValueInfoProto.newBuilder().setName(logits))).build();
        ShapeProbe.Result probe;
        try {
            probe = ShapeProbe.run(forward, input.getName(), probeShape, 0.5f, dependent);
        } catch (OrtException | RuntimeException e) {
            throw new UnsupportedGradientException("ONNX Runtime cannot run the model: " + e.getMessage(), e);
        }
        long[] logitShape = probe.shape(logits);
        if (logitShape == null || logitShape.length != 2) {
            throw new UnsupportedGradientException("the logits '" + logits + "' are not a [batch, classes] matrix");
        }
        int classes = (int) logitShape[1];

        Set<String> names = usedNames(graph);
        BackwardContext ctx = new BackwardContext(constants, probe, active, names, WeightInputs.dims(weights));
        ctx.addGradient(logits, ObjectiveHead.emit(logits, ctx));
        for (int i = needed.size() - 1; i >= 0; i--) {
            NodeProto n = needed.get(i);
            if (!isActiveNode(n, active) || n.getOutputList().stream().allMatch(o -> ctx.gradient(o) == null)) {
                continue;
            }
            try {
                ruleFor(n, rules).backward(n, ctx);
            } catch (RuntimeException e) {
                throw new UnsupportedGradientException(Protos.describe(n) + ": " + e.getMessage(), e);
            }
        }
        String inputGradient = ctx.gradient(input.getName());
        if (inputGradient == null) {
            throw new UnsupportedGradientException("no gradient reaches the input");
        }
        ctx.emit("Identity", List.of(inputGradient), List.of(GradientModel.INPUT_GRADIENT));
        ctx.emit("Identity", List.of(logits), List.of(GradientModel.LOGITS));
        for (String v : innerValues) {
            if (!active.contains(v)) {
                throw new UnsupportedGradientException("'" + v + "' is not a value of the model that depends on its"
                        + " input");
            }
            ctx.emit("Identity", List.of(v), List.of(GradientModel.innerOutput(v)));
            ctx.emit("Identity", List.of(ctx.gradientOrZeros(v)), List.of(GradientModel.innerGradientOutput(v)));
        }

        GraphProto.Builder out = graph.toBuilder().clearNode().addAllNode(needed)
                .addAllNode(ctx.emittedNodes()).addAllInitializer(ctx.emittedInitializers()).clearOutput()
                .clearValueInfo()
                .addInput(matrix(GradientModel.CROSS_ENTROPY, fixedBatch, classes))
                .addInput(matrix(GradientModel.LOGIT_WEIGHTS, fixedBatch, classes))
                .addOutput(matrix(GradientModel.LOGITS, fixedBatch, classes))
                .addOutput(ValueInfoProto.newBuilder().setName(GradientModel.INPUT_GRADIENT)
                        .setType(input.getType()));
        for (String v : innerValues) {
            out.addOutput(ValueInfoProto.newBuilder().setName(GradientModel.innerOutput(v)));
            out.addOutput(ValueInfoProto.newBuilder().setName(GradientModel.innerGradientOutput(v)));
        }
        ModelProto.Builder result = model.toBuilder().setGraph(out).clearOpsetImport();
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            boolean defaultDomain = o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx");
            result.addOpsetImport(defaultDomain ? o.toBuilder().setVersion(Math.max(OUT_OPSET, o.getVersion())).build() : o);
        }
        long[] inputDims = java.util.Arrays.copyOfRange(dims, 1, dims.length);
        ModelProto logitsModel = forward.toBuilder().setGraph(forward.getGraph().toBuilder().clearOutput()
                .addOutput(matrix(logits, fixedBatch, classes))).build();
        if (!weights.isEmpty()) {
            result.setGraph(WeightInputs.asInputs(result.getGraph(), weights));
            logitsModel = logitsModel.toBuilder().setGraph(WeightInputs.asInputs(logitsModel.getGraph(), weights))
                    .build();
        }
        return new GradientModel(result.build().toByteArray(), logitsModel.toByteArray(), input.getName(), inputDims,
                fixedBatch, classes, softmax != null, layers(needed, probe), spatialValues(needed, active, probe),
                innerValues, lastConvolution(needed, active), WeightInputs.dims(weights));
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
            lines.add(Protos.describe(n) + " -> " + shape.append(']'));
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

    private static boolean isActiveNode(NodeProto n, Set<String> active) {
        return !BackwardRules.NOT_DIFFERENTIABLE.contains(n.getOpType())
                && n.getInputList().stream().anyMatch(active::contains);
    }

    private static BackwardRule ruleFor(NodeProto n, Map<String, BackwardRule> rules) {
        boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
        return defaultDomain ? rules.get(n.getOpType()) : null;
    }

    static long defaultOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return 0;
    }

    /** Initializers and the values of Constant nodes. */
    private static Map<String, TensorProto> constants(GraphProto graph) {
        Map<String, TensorProto> constants = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                AttributeProto value = Protos.attribute(n, "value");
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
                throw new UnsupportedGradientException(Protos.describe(n) + " has a subgraph (control flow)");
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

    private static ValueInfoProto matrix(String name, long batch, int classes) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(batch > 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(batch)
                : TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(classes));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
