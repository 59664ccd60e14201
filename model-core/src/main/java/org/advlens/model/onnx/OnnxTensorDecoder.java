package org.advlens.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.LongStream;
import onnx.Onnx.TensorProto;

/**
 * Decodes the values of a {@code TensorProto} into an {@link OnnxTensor}: from {@code raw_data} (little-endian),
 * or from the typed lists {@code float_data}, {@code double_data}, {@code int32_data}, {@code int64_data} and
 * {@code uint64_data}. Float, double and float16 become {@code float}; integer and boolean types become
 * {@code long}. Data kept in an external file, and other element types (bfloat16, string, complex), are refused
 * with an {@link OnnxImportException} that names the tensor.
 */
final class OnnxTensorDecoder {

    private OnnxTensorDecoder() {
    }

    static OnnxTensor tensor(TensorProto t) throws OnnxImportException {
        String name = t.getName();
        String label = "tensor '" + name + "'";
        if (t.getDataLocationValue() == TensorProto.DataLocation.EXTERNAL_VALUE) {
            throw new OnnxImportException(label + " keeps its data in an external file, which AdvLens does not"
                    + " read; save the model with all weights inside the .onnx file");
        }
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int n = elementCount(shape, label);
        int type = t.getDataType();
        boolean floating = type == OnnxTensor.FLOAT || type == OnnxTensor.DOUBLE || type == OnnxTensor.FLOAT16;
        if (!floating && width(type) == 0) {
            throw new OnnxImportException(label + " has element type " + OnnxTensor.typeName(type)
                    + ", which AdvLens does not read");
        }
        if (!t.getRawData().isEmpty()) {
            return fromRaw(t, shape, n, label);
        }
        // int32_data holds the narrower integer types and float16 bits, uint64_data uint32 and uint64
        long[] ints = LongStream.concat(t.getInt32DataList().stream().mapToLong(Integer::longValue),
                LongStream.concat(t.getInt64DataList().stream().mapToLong(Long::longValue),
                        t.getUint64DataList().stream().mapToLong(Long::longValue))).toArray();
        if (!floating) {
            checkCount(label, ints.length, n);
            return new OnnxTensor(name, type, shape, null, ints);
        }
        float[] values;
        if (type == OnnxTensor.FLOAT) {
            values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        } else if (type == OnnxTensor.DOUBLE) {
            values = new float[t.getDoubleDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) t.getDoubleData(i);
            }
        } else {
            values = new float[ints.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = halfToFloat((int) ints[i]);
            }
        }
        checkCount(label, values.length, n);
        return new OnnxTensor(name, type, shape, values, null);
    }

    /** The product of the dimensions, checked to be non-negative and to fit a Java array. */
    private static int elementCount(long[] shape, String label) throws OnnxImportException {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new OnnxImportException(label + " has a negative dimension " + d);
            }
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                count = Long.MAX_VALUE;
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new OnnxImportException(label + " has shape " + Arrays.toString(shape)
                    + ", more elements than AdvLens can hold");
        }
        return (int) count;
    }

    /** Bytes per element in {@code raw_data}; 0 for a type AdvLens does not read. */
    private static int width(int type) {
        return switch (type) {
            case OnnxTensor.DOUBLE, OnnxTensor.INT64, OnnxTensor.UINT64 -> 8;
            case OnnxTensor.FLOAT, OnnxTensor.INT32, OnnxTensor.UINT32 -> 4;
            case OnnxTensor.FLOAT16, OnnxTensor.INT16, OnnxTensor.UINT16 -> 2;
            case OnnxTensor.INT8, OnnxTensor.UINT8, OnnxTensor.BOOL -> 1;
            default -> 0;
        };
    }

    private static OnnxTensor fromRaw(TensorProto t, long[] shape, int n, String label) throws OnnxImportException {
        int type = t.getDataType();
        int width = width(type);
        int bytes = t.getRawData().size();
        if ((long) n * width != bytes) {
            throw new OnnxImportException(label + " has " + bytes + " bytes of raw data, but its shape "
                    + Arrays.toString(shape) + " needs " + (long) n * width);
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (type == OnnxTensor.FLOAT || type == OnnxTensor.DOUBLE || type == OnnxTensor.FLOAT16) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = type == OnnxTensor.FLOAT ? b.getFloat() : type == OnnxTensor.DOUBLE ? (float) b.getDouble()
                        : halfToFloat(b.getShort() & 0xffff);
            }
            return new OnnxTensor(t.getName(), type, shape, v, null);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case OnnxTensor.INT64, OnnxTensor.UINT64 -> b.getLong();
                case OnnxTensor.INT32 -> b.getInt();
                case OnnxTensor.UINT32 -> b.getInt() & 0xffffffffL;
                case OnnxTensor.INT16 -> b.getShort();
                case OnnxTensor.UINT16 -> b.getShort() & 0xffff;
                case OnnxTensor.INT8 -> b.get();
                default -> b.get() & 0xff; // UINT8, BOOL
            };
        }
        return new OnnxTensor(t.getName(), type, shape, null, v);
    }

    private static void checkCount(String label, int got, int expected) throws OnnxImportException {
        if (got != expected) {
            throw new OnnxImportException(label + " holds " + got + " values but its shape needs " + expected);
        }
    }

    /** IEEE 754 half precision bits to float. */
    private static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            return (sign == 0 ? 1 : -1) * mant * 0x1p-24f;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mant << 13);
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }
}
