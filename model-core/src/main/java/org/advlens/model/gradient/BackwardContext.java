package org.advlens.model.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.advlens.model.onnx.OnnxProtos;

/**
 * What a {@link BackwardRule} sees while the backward graph is built: the gradients of values so far, the
 * static shapes of the forward values (measured on a probe batch, see {@link ShapeProbe}), the constants, and
 * methods that emit nodes and initializers into the gradient graph.
 *
 * <p>Shapes are those of the probe batch; rules use them only for the dimensions after the batch, or read the
 * runtime shape with a {@code Shape} node, so the graph works for every batch size.
 */
public final class BackwardContext {

    private final Map<String, TensorProto> constants;
    private final ShapeProbe.Result probe;
    private final Set<String> active;
    private final Set<String> usedNames;
    private final Map<String, String> gradients = new HashMap<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private int counter;

    private final Map<String, long[]> weightDims;

    BackwardContext(Map<String, TensorProto> constants, ShapeProbe.Result probe, Set<String> active,
                    Set<String> usedNames, Map<String, long[]> weightDims) {
        this.weightDims = weightDims;
        this.constants = constants;
        this.probe = probe;
        this.active = active;
        this.usedNames = usedNames;
    }

    /** Whether the value depends differentiably on the model input, so that it needs a gradient. */
    public boolean isActive(String value) {
        return active.contains(value);
    }

    /** The value's shape on the probe batch. */
    public long[] shape(String value) throws UnsupportedGradientException {
        long[] s = probe.shape(value);
        if (s == null && constants.containsKey(value)) {
            s = OnnxProtos.dims(constants.get(value));
        }
        if (s == null && weightDims.containsKey(value)) {
            s = weightDims.get(value);
        }
        if (s == null) {
            throw new UnsupportedGradientException("the shape of '" + value + "' is unknown");
        }
        return s.clone();
    }

    /** The values of a constant (an initializer, a Constant node or a value that does not depend on the input). */
    public float[] constantFloats(String value) throws UnsupportedGradientException {
        TensorProto t = constants.get(value);
        if (t != null) {
            return OnnxProtos.floats(t);
        }
        float[] v = probe.floats(value);
        if (v == null) {
            throw new UnsupportedGradientException("'" + value + "' is not a constant");
        }
        return v;
    }

    /** Integer values of a constant, for shapes, pads, axes and the like. */
    public long[] constantLongs(String value) throws UnsupportedGradientException {
        float[] f = constantFloats(value);
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (long) f[i];
        }
        TensorProto t = constants.get(value);
        return t != null && t.getDataType() != TensorProto.DataType.FLOAT_VALUE
                && t.getDataType() != TensorProto.DataType.DOUBLE_VALUE ? OnnxProtos.longs(t) : out;
    }

    /**
     * The dimensions of a constant or of a weight fed as a graph input, or {@code null} if the value is neither.
     */
    public long[] constantDims(String value) {
        TensorProto t = constants.get(value);
        if (t != null) {
            return OnnxProtos.dims(t);
        }
        return weightDims.containsKey(value) ? weightDims.get(value).clone() : probe.shape(value);
    }

    public boolean isConstant(String value) {
        return constants.containsKey(value) || probe.floats(value) != null;
    }

    /** The gradient of the value so far, or {@code null} if nothing flows back into it. */
    public String gradient(String value) {
        return gradients.get(value);
    }

    /** Adds a contribution to the value's gradient (summing contributions); ignored for inactive values. */
    public void addGradient(String value, String gradient) {
        if (!isActive(value)) {
            return;
        }
        String before = gradients.get(value);
        gradients.put(value, before == null ? gradient : node("Add", List.of(before, gradient)));
    }

    /** The gradient of the value, or zeros of its runtime shape if nothing flows back into it. */
    public String gradientOrZeros(String value) {
        String g = gradients.get(value);
        if (g != null) {
            return g;
        }
        AttributeProto zero = AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                .setT(OnnxProtos.floatTensor("zero", new long[] {1}, new float[] {0f})).build();
        return node("ConstantOfShape", List.of(node("Shape", List.of(value))), zero);
    }

    /** Emits one node with one output and returns the output's name. */
    public String node(String op, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(op);
        emit(op, inputs, List.of(out), attributes);
        return out;
    }

    /** Emits one node with the given outputs. */
    public void emit(String op, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(fresh(op + "_node"));
        inputs.forEach(b::addInput);
        outputs.forEach(b::addOutput);
        b.addAllAttribute(Arrays.asList(attributes));
        nodes.add(b.build());
    }

    /** A new float initializer. */
    public String constant(long[] dims, float... values) {
        String name = fresh("const");
        initializers.add(OnnxProtos.floatTensor(name, dims, values));
        return name;
    }

    /** A new 1-D int64 initializer. */
    public String longs(long... values) {
        String name = fresh("ints");
        initializers.add(OnnxProtos.longTensor(name, new long[] {values.length}, values));
        return name;
    }

    /** A name not used anywhere in the model. */
    public String fresh(String hint) {
        String name;
        do {
            name = "grad/" + hint + "_" + counter++;
        } while (usedNames.contains(name));
        usedNames.add(name);
        return name;
    }

    List<NodeProto> emittedNodes() {
        return nodes;
    }

    List<TensorProto> emittedInitializers() {
        return initializers;
    }

    /** Sums {@code g} (of shape {@code from}) over the axes along which {@code to} was broadcast. */
    public String reduceToShape(String g, long[] from, long[] to) throws UnsupportedGradientException {
        if (Arrays.equals(from, to)) {
            return g;
        }
        if (to.length != from.length) {
            throw new UnsupportedGradientException("broadcasting " + Arrays.toString(to) + " to "
                    + Arrays.toString(from) + " with a different rank");
        }
        List<Long> axes = new ArrayList<>();
        for (int i = 0; i < from.length; i++) {
            if (to[i] == 1 && from[i] != 1) {
                axes.add((long) i);
            } else if (to[i] != from[i]) {
                throw new UnsupportedGradientException("cannot broadcast " + Arrays.toString(to) + " to "
                        + Arrays.toString(from));
            }
        }
        return node("ReduceSum", List.of(g, longs(axes.stream().mapToLong(Long::longValue).toArray())),
                OnnxProtos.intAttr("keepdims", 1));
    }
}
