package org.advlens.model.onnx;

import java.util.Arrays;

/**
 * A tensor of an ONNX file (an initializer or a {@code Constant} node's value): its element type, shape and values.
 * Floating-point types (float, double, float16) are held as {@code float}, integer and boolean types as
 * {@code long}. Public accessors return copies; the importer reads the arrays in place.
 */
public final class OnnxTensor {

    /** ONNX {@code TensorProto.DataType} codes that AdvLens reads. */
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int UINT16 = 4;
    public static final int INT16 = 5;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;
    public static final int UINT32 = 12;
    public static final int UINT64 = 13;

    private final String name;
    private final int dataType;
    private final long[] dims;
    private final float[] floats;
    private final long[] longs;

    OnnxTensor(String name, int dataType, long[] dims, float[] floats, long[] longs) {
        this.name = name == null ? "" : name;
        this.dataType = dataType;
        this.dims = dims;
        this.floats = floats;
        this.longs = longs;
    }

    public String name() {
        return name;
    }

    /** The ONNX element type code, e.g. {@link #FLOAT} or {@link #INT64}. */
    public int dataType() {
        return dataType;
    }

    public long[] dims() {
        return dims.clone();
    }

    public boolean isFloating() {
        return floats != null;
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public long size() {
        return isFloating() ? floats.length : longs.length;
    }

    /** The values as {@code double}, row-major. */
    public double[] toDoubles() {
        double[] out = new double[(int) size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = isFloating() ? floats[i] : longs[i];
        }
        return out;
    }

    float[] floatsInPlace() {
        return floats;
    }

    long[] longsInPlace() {
        return longs;
    }

    long[] dimsInPlace() {
        return dims;
    }

    static String typeName(int dataType) {
        return switch (dataType) {
            case FLOAT -> "float";
            case UINT8 -> "uint8";
            case INT8 -> "int8";
            case UINT16 -> "uint16";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case 8 -> "string";
            case BOOL -> "bool";
            case FLOAT16 -> "float16";
            case DOUBLE -> "double";
            case UINT32 -> "uint32";
            case UINT64 -> "uint64";
            case 16 -> "bfloat16";
            default -> "type " + dataType;
        };
    }

    @Override
    public String toString() {
        return "tensor '" + name + "' " + typeName(dataType) + Arrays.toString(dims);
    }
}
