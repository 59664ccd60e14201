package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.SparseTensorProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorProto.DataType;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.shade.protobuf.ByteString;

/**
 * The tensor data forms and structural checks of {@link OnnxModel#parse}, on tiny models built with the ONNX
 * protobuf classes: one {@code Identity} node over one initializer {@code w}.
 */
class OnnxTensorDataTest {

    private static final float[] HALF_VALUES = {1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY};
    private static final int[] HALF_BITS = {0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00};

    private static TensorProto.Builder tensor(DataType type, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName("w").setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private static ByteString raw(int width, Consumer<ByteBuffer> fill, int count) {
        ByteBuffer b = ByteBuffer.allocate(width * count).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return ByteString.copyFrom(b.array());
    }

    private static ModelProto.Builder model(TensorProto.Builder initializer) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addNode(NodeProto.newBuilder().setName("id").setOpType("Identity").addInput("w").addOutput("y"))
                .addOutput(ValueInfoProto.newBuilder().setName("y"));
        if (initializer != null) {
            g.addInitializer(initializer);
        }
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test").setGraph(g);
    }

    private static OnnxTensor parsed(TensorProto.Builder initializer) throws OnnxImportException {
        return OnnxModel.parse(model(initializer).build().toByteArray()).graph().initializers().get("w");
    }

    private static String rejection(ModelProto.Builder m) {
        return assertThrows(OnnxImportException.class, () -> OnnxModel.parse(m.build().toByteArray())).getMessage();
    }

    static Stream<Arguments> dataForms() {
        double[] half = new double[HALF_VALUES.length];
        for (int i = 0; i < half.length; i++) {
            half[i] = HALF_VALUES[i];
        }
        TensorProto.Builder halfBits = tensor(DataType.FLOAT16, 5);
        for (int h : HALF_BITS) {
            halfBits.addInt32Data(h);
        }
        return Stream.of(
                Arguments.of("float raw_data", tensor(DataType.FLOAT, 2, 1)
                        .setRawData(raw(4, b -> b.putFloat(1.5f).putFloat(-2f), 2)), new double[] {1.5, -2}),
                Arguments.of("float_data", tensor(DataType.FLOAT, 2).addFloatData(0.25f).addFloatData(3f),
                        new double[] {0.25, 3}),
                Arguments.of("double_data", tensor(DataType.DOUBLE, 2).addDoubleData(0.5).addDoubleData(-4),
                        new double[] {0.5, -4}),
                Arguments.of("double raw_data", tensor(DataType.DOUBLE, 1)
                        .setRawData(raw(8, b -> b.putDouble(7.25), 1)), new double[] {7.25}),
                Arguments.of("int32_data", tensor(DataType.INT32, 3).addInt32Data(-1).addInt32Data(0)
                        .addInt32Data(9), new double[] {-1, 0, 9}),
                Arguments.of("int8 in int32_data", tensor(DataType.INT8, 1).addInt32Data(-8), new double[] {-8}),
                Arguments.of("int64_data", tensor(DataType.INT64, 2).addInt64Data(-1).addInt64Data(1L << 40),
                        new double[] {-1, 1L << 40}),
                Arguments.of("int64 raw_data", tensor(DataType.INT64, 2)
                        .setRawData(raw(8, b -> b.putLong(-3).putLong(5), 2)), new double[] {-3, 5}),
                Arguments.of("uint32 in uint64_data", tensor(DataType.UINT32, 1).addUint64Data(4_000_000_000L),
                        new double[] {4_000_000_000L}),
                Arguments.of("uint8 raw_data", tensor(DataType.UINT8, 2)
                        .setRawData(ByteString.copyFrom(new byte[] {(byte) 200, 1})), new double[] {200, 1}),
                Arguments.of("bool raw_data", tensor(DataType.BOOL, 2)
                        .setRawData(ByteString.copyFrom(new byte[] {1, 0})), new double[] {1, 0}),
                Arguments.of("scalar", tensor(DataType.FLOAT).addFloatData(2f), new double[] {2}),
                Arguments.of("float16 in int32_data", halfBits, half),
                Arguments.of("float16 raw_data", tensor(DataType.FLOAT16, 5).setRawData(raw(2, b -> {
                    for (int h : HALF_BITS) {
                        b.putShort((short) h);
                    }
                }, 5)), half));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataForms")
    void readsEachDataForm(String form, TensorProto.Builder t, double[] expected) throws Exception {
        OnnxTensor read = parsed(t);
        assertArrayEquals(expected, read.toDoubles(), form);
        assertEquals(t.getDataType(), read.dataType());
        assertArrayEquals(t.getDimsList().stream().mapToLong(Long::longValue).toArray(), read.dims());
    }

    @Test
    void refusesTensorsItDoesNotRead() {
        String external = rejection(model(tensor(DataType.FLOAT, 2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)));
        assertTrue(external.startsWith("tensor 'w' keeps its data in an external file"), external);
        String bfloat = rejection(model(tensor(DataType.BFLOAT16, 1).addInt32Data(0x3f80)));
        assertEquals("tensor 'w' has element type bfloat16, which AdvLens does not read", bfloat);
        String string = rejection(model(tensor(DataType.STRING, 1).addStringData(ByteString.copyFromUtf8("a"))));
        assertEquals("tensor 'w' has element type string, which AdvLens does not read", string);
    }

    @Test
    void refusesValuesThatDoNotFitTheShape() {
        assertEquals("tensor 'w' holds 3 values but its shape needs 4",
                rejection(model(tensor(DataType.FLOAT, 2, 2).addFloatData(1).addFloatData(2).addFloatData(3))));
        String raw = rejection(model(tensor(DataType.FLOAT, 3).setRawData(ByteString.copyFrom(new byte[10]))));
        assertEquals("tensor 'w' has 10 bytes of raw data, but its shape [3] needs 12", raw);
        assertEquals("tensor 'w' has a negative dimension -2", rejection(model(tensor(DataType.FLOAT, 4, -2))));
        String huge = rejection(model(tensor(DataType.FLOAT, 1L << 40, 1L << 40)));
        assertTrue(huge.startsWith("tensor 'w' has shape [1099511627776, 1099511627776], more elements"), huge);
    }

    @Test
    void checksTheModelStructure() {
        assertEquals("not an ONNX model: no graph", rejection(ModelProto.newBuilder().setIrVersion(8)));
        assertEquals("not an ONNX model: no IR version (found 0)", rejection(model(null).setIrVersion(0)));
        ModelProto.Builder noOp = model(null);
        noOp.getGraphBuilder().getNodeBuilder(0).setOpType("");
        assertEquals("not a valid ONNX graph: a node 'id' has no op type", rejection(noOp));
        ModelProto.Builder noOutputs = model(null);
        noOutputs.getGraphBuilder().clearOutput();
        assertEquals("the ONNX graph has no outputs", rejection(noOutputs));
        ModelProto.Builder sparse = model(null);
        sparse.getGraphBuilder().addSparseInitializer(SparseTensorProto.getDefaultInstance());
        assertEquals("sparse initializers are not supported (the graph has 1)", rejection(sparse));
    }

    @Test
    void infersTheAttributeTypeOfOldFiles() throws Exception {
        // given attributes without a type field, as IR version 1 writers left them
        ModelProto.Builder m = model(null);
        m.getGraphBuilder().getNodeBuilder(0)
                .addAttribute(AttributeProto.newBuilder().setName("pads").addInts(1).addInts(2))
                .addAttribute(AttributeProto.newBuilder().setName("mode").setS(ByteString.copyFromUtf8("edge")))
                .addAttribute(AttributeProto.newBuilder().setName("alpha").setF(0.5f));
        // then the type follows from the field that is set
        OnnxNode node = OnnxModel.parse(m.build().toByteArray()).graph().nodes().get(0);
        assertEquals(OnnxAttribute.INTS, node.attributes().get("pads").type());
        assertArrayEquals(new long[] {1, 2}, node.intsAttribute("pads", null));
        assertEquals(OnnxAttribute.STRING, node.attributes().get("mode").type());
        assertEquals("edge", node.stringAttribute("mode", ""));
        assertEquals(OnnxAttribute.FLOAT, node.attributes().get("alpha").type());
        assertEquals(0.5f, node.floatAttribute("alpha", 1f));
    }
}
