package org.advlens.model.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.advlens.model.onnx.OnnxProtos;

/**
 * Tiny ONNX classifiers written in code, one op under test at a time: a float input {@code x} of shape
 * {@code [batch, dims...]} with a symbolic batch axis, the nodes a test adds, and a Flatten and Gemm head that
 * turns the last value into logits. Weights are drawn from a seeded generator.
 */
final class TinyOnnxGraphs {

    static final String INPUT = "x";
    static final long IR_VERSION = 7;

    private final long[] inputDims;
    private final Random random;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ValueInfoProto> extraInputs = new ArrayList<>();
    private final List<OperatorSetIdProto> extraDomains = new ArrayList<>();
    private long opset = 13;
    private int counter;

    private TinyOnnxGraphs(long seed, long[] inputDims) {
        this.random = new Random(seed);
        this.inputDims = inputDims.clone();
    }

    /** A graph whose input has the given dimensions after the batch axis. */
    static TinyOnnxGraphs input(long seed, long... dims) {
        return new TinyOnnxGraphs(seed, dims);
    }

    TinyOnnxGraphs opset(long version) {
        this.opset = version;
        return this;
    }

    /** Declares a second graph input (which the engine refuses). */
    TinyOnnxGraphs extraInput(String name, long... dims) {
        extraInputs.add(valueInfo(name, dims));
        return this;
    }

    /** Imports a custom op domain. */
    TinyOnnxGraphs domain(String domain, long version) {
        extraDomains.add(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build());
        return this;
    }

    String x() {
        return INPUT;
    }

    /** Adds a node with one output and returns the output's name. */
    String op(String type, List<String> inputs, AttributeProto... attributes) {
        return ops(type, inputs, 1, attributes).get(0);
    }

    String op(String type, String input, AttributeProto... attributes) {
        return op(type, List.of(input), attributes);
    }

    /** Adds a node with {@code outputs} outputs and returns their names. */
    List<String> ops(String type, List<String> inputs, int outputs, AttributeProto... attributes) {
        return opIn("", type, inputs, outputs, attributes);
    }

    /** Adds a node of a given domain. */
    List<String> opIn(String domain, String type, List<String> inputs, int outputs, AttributeProto... attributes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add(type.toLowerCase() + "_" + counter++);
        }
        nodes.add(NodeProto.newBuilder().setOpType(type).setDomain(domain).setName(type + "_node_" + counter++)
                .addAllInput(inputs).addAllOutput(names).addAllAttribute(Arrays.asList(attributes)).build());
        return names;
    }

    /** A float initializer. */
    String floats(long[] dims, float... values) {
        String name = "const_" + counter++;
        initializers.add(OnnxProtos.floatTensor(name, dims, values));
        return name;
    }

    /** A scalar float initializer. */
    String scalar(float value) {
        return floats(new long[0], value);
    }

    /** A 1-D int64 initializer. */
    String longs(long... values) {
        String name = "ints_" + counter++;
        initializers.add(OnnxProtos.longTensor(name, new long[] {values.length}, values));
        return name;
    }

    /** A boolean scalar initializer. */
    String bool(boolean value) {
        String name = "bool_" + counter++;
        initializers.add(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.BOOL_VALUE)
                .addInt32Data(value ? 1 : 0).build());
        return name;
    }

    /** Seeded weights, normal with standard deviation {@code 1 / sqrt(fanIn)}. */
    String weights(long fanIn, long... dims) {
        float[] v = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        double std = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return floats(dims, v);
    }

    /** Seeded values uniform in {@code [lo, hi)}. */
    String uniform(float lo, float hi, long... dims) {
        float[] v = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * random.nextFloat();
        }
        return floats(dims, v);
    }

    /** Flatten and a Gemm with seeded weights: the logits of {@code classes} classes. */
    String logits(String features, long featureCount, int classes) {
        String flat = op("Flatten", features, OnnxProtos.intAttr("axis", 1));
        return op("Gemm", List.of(flat, weights(featureCount, classes, featureCount), weights(1, classes)),
                OnnxProtos.intAttr("transB", 1));
    }

    /** The model so far with {@code output} as its only output. */
    byte[] build(String output) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny").addAllNode(nodes)
                .addAllInitializer(initializers).addInput(valueInfo(INPUT, inputDims)).addAllInput(extraInputs)
                .addOutput(ValueInfoProto.newBuilder().setName(output));
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("advlens-tests")
                .setGraph(graph).addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .addAllOpsetImport(extraDomains);
        return model.build().toByteArray();
    }

    /** A float value with a symbolic batch axis and the given dimensions after it. */
    private static ValueInfoProto valueInfo(String name, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
