package org.advlens.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.nd4j.shade.protobuf.ByteString;

/** Small builders and readers of ONNX protobuf messages, shared by the exporter and the gradient engine. */
public final class OnnxProtos {

    private OnnxProtos() {
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    public static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    public static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** A float tensor in raw little-endian bytes. */
    public static TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    /** An int64 tensor in raw little-endian bytes. */
    public static TensorProto longTensor(String name, long[] dims, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    public static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The values of a float, double, integer or bool tensor as floats. */
    public static float[] floats(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("tensor '" + t.getName() + "' keeps its data in an external file");
        }
        int type = t.getDataType();
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                float[] out = new float[buf.remaining() / 4];
                buf.asFloatBuffer().get(out);
                return out;
            }
            float[] out = new float[t.getFloatDataCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = t.getFloatData(i);
            }
            return out;
        }
        if (type == TensorProto.DataType.DOUBLE_VALUE) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                float[] out = new float[buf.remaining() / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) buf.getDouble();
                }
                return out;
            }
            float[] out = new float[t.getDoubleDataCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) t.getDoubleData(i);
            }
            return out;
        }
        long[] longs = longs(t);
        float[] out = new float[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs[i];
        }
        return out;
    }

    /** The values of an int64, int32 or bool tensor (a bool as 0 or 1). */
    public static long[] longs(TensorProto t) {
        int type = t.getDataType();
        if (type == TensorProto.DataType.INT64_VALUE) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long[] out = new long[buf.remaining() / 8];
                buf.asLongBuffer().get(out);
                return out;
            }
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        if (type == TensorProto.DataType.INT32_VALUE) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long[] out = new long[buf.remaining() / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getInt();
                }
                return out;
            }
            return t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray();
        }
        if (type == TensorProto.DataType.BOOL_VALUE) {
            if (!t.getRawData().isEmpty()) {
                byte[] raw = t.getRawData().toByteArray();
                long[] out = new long[raw.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = raw[i] != 0 ? 1 : 0;
                }
                return out;
            }
            return t.getInt32DataList().stream().mapToLong(v -> v != 0 ? 1 : 0).toArray();
        }
        throw new IllegalArgumentException("tensor '" + t.getName() + "' has data type " + t.getDataType()
                + "; expected int64, int32 or bool");
    }

    public static AttributeProto attribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public static long intAttr(NodeProto node, String name, long defaultValue) {
        AttributeProto a = attribute(node, name);
        return a == null ? defaultValue : a.getI();
    }

    public static float floatAttr(NodeProto node, String name, float defaultValue) {
        AttributeProto a = attribute(node, name);
        return a == null ? defaultValue : a.getF();
    }

    public static String stringAttr(NodeProto node, String name, String defaultValue) {
        AttributeProto a = attribute(node, name);
        return a == null ? defaultValue : a.getS().toStringUtf8();
    }

    /** An ints attribute, or {@code null} when absent. */
    public static long[] intsAttr(NodeProto node, String name) {
        AttributeProto a = attribute(node, name);
        return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    public static String describe(NodeProto node) {
        String name = node.getName().isEmpty() ? (node.getOutputCount() > 0 ? node.getOutput(0) : "?") : node.getName();
        boolean defaultDomain = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
        String op = defaultDomain ? node.getOpType() : node.getDomain() + "." + node.getOpType();
        return op + " (node '" + name + "')";
    }
}
