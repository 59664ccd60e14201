package org.advlens.model.onnx;

import static org.advlens.model.onnx.ProtoReader.FIXED32;
import static org.advlens.model.onnx.ProtoReader.LENGTH_DELIMITED;
import static org.advlens.model.onnx.ProtoReader.VARINT;
import static org.advlens.model.onnx.ProtoReader.fieldNumber;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the ONNX messages AdvLens needs from the wire format, following the field numbers of {@code onnx.proto}
 * (ONNX 1.12): ModelProto, OperatorSetIdProto, StringStringEntryProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto, TypeProto.Tensor and TensorShapeProto. Unknown fields are skipped, as protobuf
 * readers do.
 */
final class OnnxParser {

    private OnnxParser() {
    }

    static OnnxModel model(byte[] bytes) throws OnnxImportException {
        ProtoReader r = new ProtoReader(bytes);
        long ir = 0;
        String producer = "";
        String producerVersion = "";
        Map<String, Long> opsets = new HashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        OnnxGraph graph = null;
        while (r.hasMore()) {
            long key = r.key();
            switch (fieldNumber(key)) {
                case 1 -> {
                    r.expect(key, VARINT, "ModelProto.ir_version");
                    ir = r.varint();
                }
                case 2 -> {
                    r.expect(key, LENGTH_DELIMITED, "ModelProto.producer_name");
                    producer = r.string();
                }
                case 3 -> {
                    r.expect(key, LENGTH_DELIMITED, "ModelProto.producer_version");
                    producerVersion = r.string();
                }
                case 7 -> {
                    r.expect(key, LENGTH_DELIMITED, "ModelProto.graph");
                    graph = graph(r.message());
                }
                case 8 -> {
                    r.expect(key, LENGTH_DELIMITED, "ModelProto.opset_import");
                    opset(r.message(), opsets);
                }
                case 14 -> {
                    r.expect(key, LENGTH_DELIMITED, "ModelProto.metadata_props");
                    entry(r.message(), metadata);
                }
                default -> r.skip(key);
            }
        }
        if (ir <= 0 || graph == null) {
            throw new OnnxImportException("not an ONNX model: " + (ir <= 0 ? "no IR version" : "no graph"));
        }
        if (graph.nodes().isEmpty() || graph.outputs().isEmpty()) {
            throw new OnnxImportException("the ONNX graph has no " + (graph.nodes().isEmpty() ? "nodes" : "outputs"));
        }
        String by = (producer + " " + producerVersion).trim();
        return new OnnxModel(ir, by, opsets, metadata, graph);
    }

    private static void opset(ProtoReader r, Map<String, Long> out) throws OnnxImportException {
        String domain = "";
        long version = 0;
        while (r.hasMore()) {
            long key = r.key();
            switch (fieldNumber(key)) {
                case 1 -> {
                    r.expect(key, LENGTH_DELIMITED, "OperatorSetIdProto.domain");
                    domain = r.string();
                }
                case 2 -> {
                    r.expect(key, VARINT, "OperatorSetIdProto.version");
                    version = r.varint();
                }
                default -> r.skip(key);
            }
        }
        out.put(domain, version);
    }

    private static void entry(ProtoReader r, Map<String, String> out) throws OnnxImportException {
        String k = "";
        String v = "";
        while (r.hasMore()) {
            long key = r.key();
            switch (fieldNumber(key)) {
                case 1 -> {
                    r.expect(key, LENGTH_DELIMITED, "StringStringEntryProto.key");
                    k = r.string();
                }
                case 2 -> {
                    r.expect(key, LENGTH_DELIMITED, "StringStringEntryProto.value");
                    v = r.string();
                }
                default -> r.skip(key);
            }
        }
        out.put(k, v);
    }

    static OnnxGraph graph(ProtoReader r) throws OnnxImportException {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<OnnxValueInfo> inputs = new ArrayList<>();
        List<OnnxValueInfo> outputs = new ArrayList<>();
        while (r.hasMore()) {
            long key = r.key();
            int field = fieldNumber(key);
            if (field == 1 || field == 2 || field == 5 || field == 11 || field == 12) {
                r.expect(key, LENGTH_DELIMITED, "GraphProto field " + field);
            }
            switch (field) {
                case 1 -> nodes.add(node(r.message()));
                case 2 -> name = r.string();
                case 5 -> {
                    OnnxTensor t = tensor(r.message());
                    initializers.put(t.name(), t);
                }
                case 11 -> inputs.add(valueInfo(r.message()));
                case 12 -> outputs.add(valueInfo(r.message()));
                case 15 -> throw new OnnxImportException("sparse initializers are not supported");
                default -> r.skip(key);
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static OnnxNode node(ProtoReader r) throws OnnxImportException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        Map<String, OnnxAttribute> attributes = new HashMap<>();
        while (r.hasMore()) {
            long key = r.key();
            int field = fieldNumber(key);
            if (field == 1 || field == 2 || field == 3 || field == 4 || field == 5 || field == 7) {
                r.expect(key, LENGTH_DELIMITED, "NodeProto field " + field);
            }
            switch (field) {
                case 1 -> inputs.add(r.string());
                case 2 -> outputs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> {
                    OnnxAttribute a = attribute(r.message());
                    attributes.put(a.name(), a);
                }
                case 7 -> domain = r.string();
                default -> r.skip(key);
            }
        }
        if (op.isEmpty()) {
            throw new OnnxImportException("not a valid ONNX graph: a node" + (name.isEmpty() ? "" : " '" + name + "'")
                    + " has no op type");
        }
        return new OnnxNode(name, op, domain, inputs, outputs, attributes);
    }

    private static OnnxAttribute attribute(ProtoReader r) throws OnnxImportException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        OnnxTensor t = null;
        ProtoReader.FloatList floats = new ProtoReader.FloatList();
        ProtoReader.LongList ints = new ProtoReader.LongList();
        List<String> strings = new ArrayList<>();
        boolean graph = false;
        while (r.hasMore()) {
            long key = r.key();
            switch (fieldNumber(key)) {
                case 1 -> {
                    r.expect(key, LENGTH_DELIMITED, "AttributeProto.name");
                    name = r.string();
                }
                case 2 -> {
                    r.expect(key, FIXED32, "AttributeProto.f");
                    f = Float.intBitsToFloat(r.fixed32());
                }
                case 3 -> {
                    r.expect(key, VARINT, "AttributeProto.i");
                    i = r.varint();
                }
                case 4 -> {
                    r.expect(key, LENGTH_DELIMITED, "AttributeProto.s");
                    s = r.string();
                }
                case 5 -> {
                    r.expect(key, LENGTH_DELIMITED, "AttributeProto.t");
                    t = tensor(r.message());
                }
                case 6 -> {
                    graph = true;
                    r.skip(key);
                }
                case 7 -> r.floats(key, floats);
                case 8 -> r.int64s(key, ints);
                case 9 -> {
                    r.expect(key, LENGTH_DELIMITED, "AttributeProto.strings");
                    strings.add(r.string());
                }
                case 20 -> {
                    r.expect(key, VARINT, "AttributeProto.type");
                    type = (int) r.varint();
                }
                default -> r.skip(key);
            }
        }
        if (type == 0) {
            // IR version 1 files have no type field: infer it from the field that is set.
            type = t != null ? OnnxAttribute.TENSOR : s != null ? OnnxAttribute.STRING : graph ? OnnxAttribute.GRAPH
                    : floats.size() > 0 ? OnnxAttribute.FLOATS : ints.toArray().length > 0 ? OnnxAttribute.INTS
                    : !strings.isEmpty() ? OnnxAttribute.STRINGS : f != 0 ? OnnxAttribute.FLOAT : OnnxAttribute.INT;
        }
        return new OnnxAttribute(name, type, f, i, s, t, floats.toArray(), ints.toArray(), strings);
    }

    static OnnxTensor tensor(ProtoReader r) throws OnnxImportException {
        ProtoReader.LongList dims = new ProtoReader.LongList();
        int type = 0;
        String name = "";
        byte[] raw = null;
        boolean external = false;
        ProtoReader.FloatList floats = new ProtoReader.FloatList();
        ProtoReader.LongList ints = new ProtoReader.LongList();
        ProtoReader.FloatList doubles = new ProtoReader.FloatList();
        while (r.hasMore()) {
            long key = r.key();
            switch (fieldNumber(key)) {
                case 1 -> r.int64s(key, dims);
                case 2 -> {
                    r.expect(key, VARINT, "TensorProto.data_type");
                    type = (int) r.varint();
                }
                case 4 -> r.floats(key, floats);
                case 5, 7, 11 -> r.int64s(key, ints); // int32_data, int64_data, uint64_data
                case 8 -> {
                    r.expect(key, LENGTH_DELIMITED, "TensorProto.name");
                    name = r.string();
                }
                case 9 -> {
                    r.expect(key, LENGTH_DELIMITED, "TensorProto.raw_data");
                    raw = r.bytes();
                }
                case 10 -> r.doubles(key, doubles);
                case 14 -> {
                    r.expect(key, VARINT, "TensorProto.data_location");
                    external = r.varint() == 1;
                }
                default -> r.skip(key);
            }
        }
        long[] shape = dims.toArray();
        String label = "tensor '" + name + "'";
        if (external) {
            throw new OnnxImportException(label + " keeps its data in an external file, which AdvLens does not"
                    + " read; save the model with all weights inside the .onnx file");
        }
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new OnnxImportException(label + " has a negative dimension " + d);
            }
            count = Math.multiplyExact(count, d);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new OnnxImportException(label + " has " + count + " elements, more than AdvLens can hold");
        }
        int n = (int) count;
        boolean floating = type == OnnxTensor.FLOAT || type == OnnxTensor.DOUBLE || type == OnnxTensor.FLOAT16;
        boolean integral = type == OnnxTensor.INT64 || type == OnnxTensor.INT32 || type == OnnxTensor.INT16
                || type == OnnxTensor.INT8 || type == OnnxTensor.UINT8 || type == OnnxTensor.UINT16
                || type == OnnxTensor.UINT32 || type == OnnxTensor.UINT64 || type == OnnxTensor.BOOL;
        if (!floating && !integral) {
            throw new OnnxImportException(label + " has element type " + OnnxTensor.typeName(type)
                    + ", which AdvLens does not read");
        }
        if (raw != null) {
            return fromRaw(name, type, shape, n, raw, label);
        }
        if (floating) {
            float[] values;
            if (type == OnnxTensor.FLOAT) {
                values = floats.toArray();
            } else if (type == OnnxTensor.DOUBLE) {
                values = doubles.toArray();
            } else {
                long[] bits = ints.toArray();
                values = new float[bits.length];
                for (int i = 0; i < bits.length; i++) {
                    values[i] = halfToFloat((int) bits[i]);
                }
            }
            checkCount(label, values.length, n);
            return new OnnxTensor(name, type, shape, values, null);
        }
        long[] values = ints.toArray();
        checkCount(label, values.length, n);
        return new OnnxTensor(name, type, shape, null, values);
    }

    private static OnnxTensor fromRaw(String name, int type, long[] shape, int n, byte[] raw, String label)
            throws OnnxImportException {
        int width = switch (type) {
            case OnnxTensor.DOUBLE, OnnxTensor.INT64, OnnxTensor.UINT64 -> 8;
            case OnnxTensor.FLOAT, OnnxTensor.INT32, OnnxTensor.UINT32 -> 4;
            case OnnxTensor.FLOAT16, OnnxTensor.INT16, OnnxTensor.UINT16 -> 2;
            default -> 1;
        };
        checkCount(label, raw.length / width, n);
        if ((long) n * width != raw.length) {
            throw new OnnxImportException(label + " has " + raw.length + " bytes of raw data, expected " + (long) n * width);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (type == OnnxTensor.FLOAT || type == OnnxTensor.DOUBLE || type == OnnxTensor.FLOAT16) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = type == OnnxTensor.FLOAT ? b.getFloat() : type == OnnxTensor.DOUBLE ? (float) b.getDouble()
                        : halfToFloat(b.getShort() & 0xffff);
            }
            return new OnnxTensor(name, type, shape, v, null);
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
        return new OnnxTensor(name, type, shape, null, v);
    }

    private static void checkCount(String label, int got, int expected) throws OnnxImportException {
        if (got != expected) {
            throw new OnnxImportException(label + " holds " + got + " values but its shape needs " + expected);
        }
    }

    /** IEEE 754 half precision bits to float. */
    static float halfToFloat(int h) {
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

    private static OnnxValueInfo valueInfo(ProtoReader r) throws OnnxImportException {
        String name = "";
        int elem = 0;
        long[] shape = null;
        while (r.hasMore()) {
            long key = r.key();
            switch (fieldNumber(key)) {
                case 1 -> {
                    r.expect(key, LENGTH_DELIMITED, "ValueInfoProto.name");
                    name = r.string();
                }
                case 2 -> {
                    r.expect(key, LENGTH_DELIMITED, "ValueInfoProto.type");
                    ProtoReader type = r.message();
                    while (type.hasMore()) {
                        long k = type.key();
                        if (fieldNumber(k) == 1 && ProtoReader.wireType(k) == LENGTH_DELIMITED) {
                            ProtoReader tensorType = type.message();
                            while (tensorType.hasMore()) {
                                long tk = tensorType.key();
                                if (fieldNumber(tk) == 1 && ProtoReader.wireType(tk) == VARINT) {
                                    elem = (int) tensorType.varint();
                                } else if (fieldNumber(tk) == 2 && ProtoReader.wireType(tk) == LENGTH_DELIMITED) {
                                    shape = shape(tensorType.message());
                                } else {
                                    tensorType.skip(tk);
                                }
                            }
                        } else {
                            type.skip(k);
                        }
                    }
                }
                default -> r.skip(key);
            }
        }
        return new OnnxValueInfo(name, elem, shape);
    }

    private static long[] shape(ProtoReader r) throws OnnxImportException {
        ProtoReader.LongList dims = new ProtoReader.LongList();
        while (r.hasMore()) {
            long key = r.key();
            if (fieldNumber(key) != 1 || ProtoReader.wireType(key) != LENGTH_DELIMITED) {
                r.skip(key);
                continue;
            }
            ProtoReader dim = r.message();
            long value = -1;
            while (dim.hasMore()) {
                long k = dim.key();
                if (fieldNumber(k) == 1 && ProtoReader.wireType(k) == VARINT) {
                    value = dim.varint();
                } else {
                    dim.skip(k);
                }
            }
            dims.add(value);
        }
        return dims.toArray();
    }
}
