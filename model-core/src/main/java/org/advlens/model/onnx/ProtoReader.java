package org.advlens.model.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/): a message is a
 * sequence of fields, each a varint key {@code (number << 3) | wireType} followed by a varint (type 0), eight
 * bytes (1), a length-prefixed byte string (2) or four bytes (5). Every read is bounds-checked, so a truncated or
 * corrupt file fails with an {@link OnnxImportException} that gives the byte offset, never with an index error.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int end;

    ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    boolean hasMore() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    /** Reads the next key; returns the field number and leaves the wire type in {@link #wireType(long)}. */
    long key() throws OnnxImportException {
        long key = varint();
        int number = (int) (key >>> 3);
        int type = wireType(key);
        if (number <= 0 || (type != VARINT && type != FIXED64 && type != LENGTH_DELIMITED && type != FIXED32)) {
            throw corrupt("invalid field key " + key);
        }
        return key;
    }

    static int fieldNumber(long key) {
        return (int) (key >>> 3);
    }

    static int wireType(long key) {
        return (int) (key & 7);
    }

    long varint() throws OnnxImportException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw corrupt("truncated varint");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    int fixed32() throws OnnxImportException {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long fixed64() throws OnnxImportException {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    /** The payload of a length-delimited field as a reader over the same buffer. */
    ProtoReader message() throws OnnxImportException {
        int length = length();
        ProtoReader sub = new ProtoReader(buf, pos, pos + length);
        pos += length;
        return sub;
    }

    byte[] bytes() throws OnnxImportException {
        int length = length();
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    String string() throws OnnxImportException {
        int length = length();
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** Start and end offsets of the next length-delimited payload, consuming it. */
    int[] span() throws OnnxImportException {
        int length = length();
        int[] span = {pos, pos + length};
        pos += length;
        return span;
    }

    /** Skips the value of a field with the given key. */
    void skip(long key) throws OnnxImportException {
        switch (wireType(key)) {
            case VARINT -> varint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            case LENGTH_DELIMITED -> {
                int length = length(); // read first: "pos += length()" would add to the old position
                pos += length;
            }
            default -> throw corrupt("unsupported wire type " + wireType(key));
        }
    }

    /** Appends a repeated int64/int32 field's value(s), packed or not. */
    void int64s(long key, LongList out) throws OnnxImportException {
        if (wireType(key) == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.hasMore()) {
                out.add(packed.varint());
            }
        } else {
            out.add(varint());
        }
    }

    /** Appends a repeated float field's value(s), packed or not. */
    void floats(long key, FloatList out) throws OnnxImportException {
        if (wireType(key) == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.hasMore()) {
                out.add(Float.intBitsToFloat(packed.fixed32()));
            }
        } else {
            out.add(Float.intBitsToFloat(fixed32()));
        }
    }

    /** Appends a repeated double field's value(s), packed or not. */
    void doubles(long key, FloatList out) throws OnnxImportException {
        if (wireType(key) == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.hasMore()) {
                out.add((float) Double.longBitsToDouble(packed.fixed64()));
            }
        } else {
            out.add((float) Double.longBitsToDouble(fixed64()));
        }
    }

    /** Checks that a field has the wire type its declaration implies. */
    void expect(long key, int wireType, String field) throws OnnxImportException {
        if (wireType(key) != wireType) {
            throw corrupt("field " + field + " has wire type " + wireType(key) + ", expected " + wireType);
        }
    }

    private int length() throws OnnxImportException {
        long length = varint();
        if (length < 0 || length > end - pos) {
            throw corrupt("length " + length + " runs past the end of its message (" + (end - pos) + " bytes left)");
        }
        return (int) length;
    }

    private void need(int n) throws OnnxImportException {
        if (end - pos < n) {
            throw corrupt("truncated fixed-size value");
        }
    }

    OnnxImportException corrupt(String what) {
        return new OnnxImportException("not a valid ONNX protobuf: " + what + " at byte " + pos);
    }

    /** A growable {@code long[]}. */
    static final class LongList {
        private long[] a = new long[8];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    /** A growable {@code float[]}. */
    static final class FloatList {
        private float[] a = new float[8];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
