package org.advlens.model.onnx;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Translates an ONNX image classifier into a SameDiff graph whose input is a placeholder, so that SameDiff gives
 * gradients with respect to the input. Supported ops: see {@link #supportedOps()} ({@link ConvolutionOps},
 * {@link ArithmeticOps}, {@link ShapeOps}). Nodes whose inputs are all known at import time are folded, so the
 * shape arithmetic of PyTorch exports ({@code Shape -> Gather -> Unsqueeze -> Concat -> Reshape}) becomes a fixed
 * reshape that keeps the batch dimension open. A final Softmax is cut off, so the graph's output is the logits.
 *
 * <p>Only the nodes the output depends on are translated; an unsupported one fails with an
 * {@link OnnxImportException} that names the op and the node.
 */
public final class OnnxGraphImporter {

    private static final Map<String, OpTranslator> OPS = new HashMap<>();

    static {
        ShapeOps.register(OPS);
        ArithmeticOps.register(OPS);
        ConvolutionOps.register(OPS);
    }

    /** A final Softmax node cut off by the import: its index in the file and its input (the logits). */
    record Softmax(int nodeIndex, String input, String output) {
    }

    private OnnxGraphImporter() {
    }

    /** The ONNX ops the importer translates, sorted. */
    public static Set<String> supportedOps() {
        return new TreeSet<>(OPS.keySet());
    }

    /**
     * Imports the model's graph for inputs of shape {@code [n, inputShape...]}.
     *
     * @param inputShape the input dimensions after the batch, in the network's layout (e.g. {@code [1, 28, 28]})
     * @param dataType FLOAT for use; DOUBLE gives a graph for precise finite-difference checks
     */
    public static DifferentiableGraph importGraph(OnnxModel model, long[] inputShape, DataType dataType)
            throws OnnxImportException {
        OnnxGraph graph = model.graph();
        OnnxValueInfo input = singleInput(graph, inputShape);
        String output = graph.outputs().get(0).name();
        List<OnnxNode> nodes = graph.nodes();
        Softmax softmax = finalSoftmax(nodes, output);
        String logitsName = softmax == null ? output : softmax.input();

        SameDiff sd = SameDiff.create();
        long[] placeholder = new long[inputShape.length + 1];
        placeholder[0] = -1;
        System.arraycopy(inputShape, 0, placeholder, 1, inputShape.length);
        ImportContext ctx = new ImportContext(sd, dataType, model.defaultOpset(), graph.initializers());
        SDVariable x = sd.placeHolder(DifferentiableGraph.INPUT, dataType, placeholder);
        // SameDiff (1.0.0-M2.1) only differentiates ops with a trainable variable among their inputs' ancestors:
        // without this "+ 0" on a variable, a graph that starts with a pad, reshape or scalar op gets no gradient
        // for its input.
        SDVariable gate = x.add(ctx.weight("input_gate", org.nd4j.linalg.factory.Nd4j.scalar(dataType, 0)));
        ctx.define(input.name(), ImportedValue.traced(gate, placeholder));

        Set<Integer> needed = needed(nodes, logitsName, ctx);
        for (int i : needed) {
            checkSupported(nodes.get(i)); // before translating: an unsupported op is the reason to give
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (needed.contains(i)) {
                translate(nodes.get(i), ctx);
            }
        }
        ImportedValue logits = ctx.value(logitsName);
        if (logits == null || logits.isFolded()) {
            throw new OnnxImportException("the model's output '" + logitsName + "' does not depend on its input");
        }
        long[] s = logits.shape();
        if (s.length != 2 || s[1] < 2) {
            throw new OnnxImportException("the model's output '" + output + "' has shape " + ImportContext.shapeText(s)
                    + "; a classifier needs [batch, classes] with at least two classes");
        }
        int classes = (int) s[1];
        addLoss(sd, logits.variable(), classes, dataType);
        QuietGradientFunction.create(sd, DifferentiableGraph.INPUT);
        return new DifferentiableGraph(sd, dataType, inputShape, classes, ctx.layers(), softmax);
    }

    /**
     * The model bytes for a forward-only runtime that should return what {@code graph} calls the logits: the bytes
     * as they are, or without the final Softmax that the import cut off.
     */
    public static byte[] logitsModel(byte[] modelBytes, DifferentiableGraph graph) throws OnnxImportException {
        Softmax s = graph.strippedSoftmaxNode();
        if (s == null) {
            return modelBytes;
        }
        return withoutFinalNode(OnnxProtoConverter.read(modelBytes), s.nodeIndex(), s.output(), s.input())
                .toByteArray();
    }

    /**
     * The model without node number {@code nodeIndex} (in file order), and with the graph output {@code oldOutput}
     * renamed to {@code newOutput}: how the final Softmax is cut off so that a runtime returns the logits. Every
     * other field, unknown ones included, is kept; the output keeps its declared type, which a Softmax does not
     * change.
     */
    private static ModelProto withoutFinalNode(ModelProto model, int nodeIndex, String oldOutput, String newOutput) {
        GraphProto.Builder g = model.getGraph().toBuilder().removeNode(nodeIndex);
        for (int i = 0; i < g.getOutputCount(); i++) {
            if (g.getOutput(i).getName().equals(oldOutput)) {
                g.setOutput(i, g.getOutput(i).toBuilder().setName(newOutput));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static void checkSupported(OnnxNode node) throws OnnxImportException {
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw new OnnxImportException("unsupported ONNX op " + node.describe() + ": custom operator domain '"
                    + node.domain() + "' is not supported");
        }
        if (!OPS.containsKey(node.opType())) {
            throw new OnnxImportException("unsupported ONNX op " + node.describe() + "; AdvLens translates "
                    + String.join(", ", supportedOps()));
        }
    }

    private static void translate(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        OpTranslator t = OPS.get(node.opType());
        try {
            t.translate(node, ctx);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new OnnxImportException(node.describe() + " could not be translated: " + m, e);
        }
    }

    private static OnnxValueInfo singleInput(OnnxGraph graph, long[] inputShape) throws OnnxImportException {
        List<OnnxValueInfo> inputs = graph.realInputs();
        if (inputs.size() != 1) {
            throw new OnnxImportException("the model has " + inputs.size() + " inputs " + inputs + "; an image"
                    + " classifier has exactly one");
        }
        OnnxValueInfo in = inputs.get(0);
        if (in.elemType() != 0 && in.elemType() != OnnxTensor.FLOAT && in.elemType() != OnnxTensor.DOUBLE) {
            throw new OnnxImportException("the model's input '" + in.name() + "' has element type "
                    + OnnxTensor.typeName(in.elemType()) + "; AdvLens feeds float images");
        }
        long[] declared = in.shape();
        if (declared != null) {
            boolean fits = declared.length == inputShape.length + 1;
            for (int i = 0; fits && i < inputShape.length; i++) {
                fits = declared[i + 1] < 0 || declared[i + 1] == inputShape[i];
            }
            if (!fits) {
                throw new OnnxImportException("the model's input '" + in.name() + "' has shape "
                        + Arrays.toString(declared) + ", which does not fit images of shape "
                        + Arrays.toString(inputShape) + " (in the network's layout)");
            }
        }
        return in;
    }

    /** The Softmax node that produces the graph output, if any (over the class axis of a [n, k] output). */
    private static Softmax finalSoftmax(List<OnnxNode> nodes, String output) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            OnnxNode n = nodes.get(i);
            if (n.outputs().contains(output)) {
                long axis = n.intAttribute("axis", -1);
                boolean classAxis = axis == -1 || axis == 1;
                return n.opType().equals("Softmax") && n.domain().isEmpty() && classAxis
                        ? new Softmax(i, n.input(0), output) : null;
            }
        }
        return null;
    }

    /** Indices of the nodes that {@code target} depends on. */
    private static Set<Integer> needed(List<OnnxNode> nodes, String target, ImportContext ctx)
            throws OnnxImportException {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).outputs()) {
                if (!o.isEmpty()) {
                    producer.putIfAbsent(o, i);
                }
            }
        }
        if (!producer.containsKey(target) && !ctx.has(target)) {
            throw new OnnxImportException("no node produces the model's output '" + target + "'");
        }
        Set<Integer> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(target);
        while (!todo.isEmpty()) {
            Integer i = producer.get(todo.pop());
            if (i != null && needed.add(i)) {
                for (String in : nodes.get(i).inputs()) {
                    if (!in.isEmpty()) {
                        todo.add(in);
                    }
                }
            }
        }
        return needed;
    }

    private static void addLoss(SameDiff sd, SDVariable z, int classes, DataType dataType) {
        SDVariable logits = sd.identity(DifferentiableGraph.LOGITS, z);
        SDVariable w = sd.placeHolder(DifferentiableGraph.WEIGHTS, dataType, -1, classes);
        SDVariable y = sd.placeHolder(DifferentiableGraph.LABELS, dataType, -1, classes);
        SDVariable weighted = logits.mul(w).sum();
        SDVariable crossEntropy = ArithmeticOps.logSoftmax(logits, 1).mul(y).sum().neg();
        sd.setLossVariables(weighted.add(crossEntropy).rename(DifferentiableGraph.LOSS));
    }
}
