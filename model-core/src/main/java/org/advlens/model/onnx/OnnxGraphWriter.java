package org.advlens.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Builds one ONNX graph (opset 13, IR version 7) with ND4J's bundled ONNX protobuf classes: float input
 * {@value #INPUT} with a symbolic batch {@code N}, float output {@value #OUTPUT}, weights as little-endian raw
 * initializers. A transpose that undoes the one before it is not emitted, element-wise ops and concatenations
 * move behind a shared transpose, identical nodes are emitted once, and nodes the output does not need are
 * dropped when the model is written, so layout changes cost a transpose only where DL4J's element order really
 * differs.
 */
final class OnnxGraphWriter {

    static final String INPUT = "input";
    static final String OUTPUT = "logits";
    static final int OPSET = 13;
    static final long IR_VERSION = 7;

    private final List<NodeProto> nodes = new ArrayList<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, ExportedValue> computed = new HashMap<>();
    private final List<Dl4jOnnxExporter.ParameterBinding> bindings = new ArrayList<>();
    private final List<String> derived = new ArrayList<>();
    private ExportedValue input;
    private String scope = "graph";
    private String layer;

    /**
     * Prefixes the names of the nodes and tensors added next with {@code prefix}, and attributes the parameters
     * written next to the DL4J layer {@code layer} (a layer index or vertex name).
     */
    void scope(String prefix, String layer) {
        this.scope = prefix.replaceAll("[^A-Za-z0-9_.-]", "_");
        this.layer = layer;
    }

    /** The graph input: {@code [N, dims...]}. */
    ExportedValue input(long[] dims) {
        if (input != null) {
            throw new IllegalStateException("the graph already has an input");
        }
        names.add(INPUT);
        input = new ExportedValue(INPUT, dims);
        return input;
    }

    /** A float initializer holding {@code values} (cast to float) in c order. */
    String weights(String suffix, INDArray values) {
        INDArray f = values.castTo(DataType.FLOAT).dup('c');
        return weights(suffix, f.data().asFloat(), f.shape());
    }

    /**
     * A float initializer holding the current layer's parameter {@code key} verbatim ({@code values} is the
     * parameter, at most reshaped), recorded as its binding.
     */
    String parameter(String key, INDArray values) {
        String name = weights(key, values);
        bindings.add(new Dl4jOnnxExporter.ParameterBinding(name, layer, key, values.shape()));
        return name;
    }

    /** A float initializer computed from parameters by a transform, recorded as derived. */
    String derived(String suffix, INDArray values) {
        String name = weights(suffix, values);
        derived.add(name);
        return name;
    }

    String weights(String suffix, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(suffix, TensorProto.DataType.FLOAT, bytes.array(), shape);
    }

    /** A 1-D int64 initializer, e.g. a shape for Reshape. */
    String int64s(String suffix, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(suffix, TensorProto.DataType.INT64, bytes.array(), values.length);
    }

    private String initializer(String suffix, TensorProto.DataType type, byte[] raw, long... shape) {
        String name = unique(scope + "." + suffix);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : shape) {
            t.addDims(d);
        }
        initializers.put(name, t.build());
        return name;
    }

    /**
     * Adds a node with one output of the given dimensions (after the batch), or returns the output of an
     * identical node added before (two layers flattening the same tensor share one Flatten).
     */
    ExportedValue node(String op, long[] dims, List<String> inputs, AttributeProto... attributes) {
        String key = op + inputs + Arrays.asList(attributes);
        if (computed.containsKey(key)) {
            return computed.get(key);
        }
        String output = unique(scope + "." + op);
        NodeProto node = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(Arrays.asList(attributes)).build();
        nodes.add(node);
        producers.put(output, node);
        computed.put(key, new ExportedValue(output, dims));
        return computed.get(key);
    }

    /** {@code v} transposed by {@code perm} (all axes, batch first); the input of an inverse transpose if any. */
    ExportedValue transpose(ExportedValue v, int[] perm) {
        int[] before = transposePerm(v.name());
        if (before != null && isIdentity(compose(before, perm))) {
            return new ExportedValue(producers.get(v.name()).getInput(0), v.permutedDims(perm));
        }
        if (isIdentity(perm)) {
            return v;
        }
        return node("Transpose", v.permutedDims(perm), List.of(v.name()), ints("perm", toLongs(perm)));
    }

    /**
     * An element-wise op on the first input's shape; the others have the same shape or are scalar initializers.
     * When every tensor input is the same transpose of another tensor, the op runs on those tensors and its
     * result is transposed once.
     */
    ExportedValue elementwise(String op, List<ExportedValue> in, AttributeProto... attributes) {
        int[] perm = sharedTranspose(in);
        if (perm == null) {
            return node(op, in.get(0).dims(), names(in), attributes);
        }
        List<ExportedValue> before = untransposed(in);
        return transpose(node(op, before.get(0).dims(), names(before), attributes), perm);
    }

    /** Concatenation along {@code axis} (counting the batch as axis 0), moved behind a shared transpose. */
    ExportedValue concat(List<ExportedValue> in, int axis) {
        int[] perm = sharedTranspose(in);
        List<ExportedValue> parts = perm == null ? in : untransposed(in);
        int along = perm == null ? axis : perm[axis];
        long[] dims = parts.get(0).dims();
        dims[along - 1] = 0;
        for (ExportedValue v : parts) {
            dims[along - 1] += v.dim(along);
        }
        ExportedValue out = node("Concat", dims, names(parts), integer("axis", along));
        return perm == null ? out : transpose(out, perm);
    }

    private int[] sharedTranspose(List<ExportedValue> in) {
        int[] first = transposePerm(in.get(0).name());
        for (ExportedValue v : in) {
            if (initializers.containsKey(v.name())) {
                continue;
            }
            int[] perm = transposePerm(v.name());
            if (first == null || perm == null || !Arrays.equals(first, perm)) {
                return null;
            }
        }
        return first;
    }

    private List<ExportedValue> untransposed(List<ExportedValue> in) {
        List<ExportedValue> out = new ArrayList<>();
        for (ExportedValue v : in) {
            int[] perm = transposePerm(v.name());
            if (perm == null) {
                out.add(v); // a scalar initializer
                continue;
            }
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inverse[perm[i]] = i;
            }
            out.add(new ExportedValue(producers.get(v.name()).getInput(0), v.permutedDims(inverse)));
        }
        return out;
    }

    private int[] transposePerm(String name) {
        NodeProto p = producers.get(name);
        if (p == null || !p.getOpType().equals("Transpose")) {
            return null;
        }
        return p.getAttribute(0).getIntsList().stream().mapToInt(Long::intValue).toArray();
    }

    /**
     * The serialised model whose output {@value #OUTPUT} is {@code logits}, a {@code [N, classes]} value, with
     * the bindings and derived initializers that the model keeps.
     */
    Dl4jOnnxExporter.ExportedNetwork model(ExportedValue logits, String description) {
        if (logits.rank() != 2 || logits.name().equals(INPUT)) {
            throw new IllegalArgumentException("the output must be a computed [N, classes] tensor, got " + logits);
        }
        GraphProto.Builder graph = GraphProto.newBuilder().setName("dl4j_network")
                .addInput(valueInfo(INPUT, input.dims())).addOutput(valueInfo(OUTPUT, logits.dims()));
        Set<String> needed = needed(logits.name());
        for (NodeProto n : nodes) {
            if (needed.contains(n.getOutput(0))) {
                graph.addNode(renamed(n, logits.name()));
            }
        }
        initializers.values().stream().filter(t -> needed.contains(t.getName()))
                .sorted((a, b) -> a.getName().compareTo(b.getName())).forEach(graph::addInitializer);
        byte[] model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("AdvLens")
                .setDocString(description)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build().toByteArray();
        return new Dl4jOnnxExporter.ExportedNetwork(model,
                bindings.stream().filter(b -> needed.contains(b.initializer())).toList(),
                derived.stream().filter(needed::contains).toList());
    }

    /** Every tensor the output depends on. */
    private Set<String> needed(String output) {
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (needed.add(name) && producers.containsKey(name)) {
                todo.addAll(producers.get(name).getInputList());
            }
        }
        return needed;
    }

    private static NodeProto renamed(NodeProto n, String logits) {
        NodeProto.Builder b = n.toBuilder();
        if (n.getOutput(0).equals(logits)) {
            b.setOutput(0, OUTPUT);
        }
        return b.build();
    }

    private static ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    static AttributeProto ints(String name, long... values) {
        return OnnxProtos.ints(name, values);
    }

    static AttributeProto integer(String name, long value) {
        return OnnxProtos.intAttr(name, value);
    }

    static AttributeProto real(String name, double value) {
        return OnnxProtos.floatAttr(name, (float) value);
    }

    static List<String> names(List<ExportedValue> values) {
        return values.stream().map(ExportedValue::name).toList();
    }

    private String unique(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private static int[] compose(int[] first, int[] second) {
        if (first.length != second.length) {
            return null;
        }
        int[] out = new int[first.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = first[second[i]];
        }
        return out;
    }

    private static boolean isIdentity(int[] perm) {
        if (perm == null) {
            return false;
        }
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static long[] toLongs(int[] v) {
        return Arrays.stream(v).asLongStream().toArray();
    }
}
