package org.advlens.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Edits an ONNX file at the wire level, copying every field it does not change byte for byte: this keeps fields
 * this reader does not model (doc strings, value_info, training info) exactly as they were.
 */
final class OnnxRewriter {

    private OnnxRewriter() {
    }

    /**
     * The model without node number {@code nodeIndex} (in file order), and with the graph output
     * {@code oldOutput} renamed to {@code newOutput}: how the final Softmax is cut off so that ONNX Runtime returns
     * the logits. The output keeps its declared type, which a Softmax does not change.
     */
    static byte[] withoutFinalNode(byte[] model, int nodeIndex, String oldOutput, String newOutput)
            throws OnnxImportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length);
        ProtoReader r = new ProtoReader(model);
        while (r.hasMore()) {
            int start = r.position();
            long key = r.key();
            if (ProtoReader.fieldNumber(key) == 7 && ProtoReader.wireType(key) == ProtoReader.LENGTH_DELIMITED) {
                int[] span = r.span();
                writeField(out, 7, graph(model, span, nodeIndex, oldOutput, newOutput));
            } else {
                r.skip(key);
                out.write(model, start, r.position() - start);
            }
        }
        return out.toByteArray();
    }

    private static byte[] graph(byte[] model, int[] span, int nodeIndex, String oldOutput, String newOutput)
            throws OnnxImportException {
        byte[] graph = java.util.Arrays.copyOfRange(model, span[0], span[1]);
        ByteArrayOutputStream out = new ByteArrayOutputStream(graph.length);
        ProtoReader r = new ProtoReader(graph);
        int node = 0;
        while (r.hasMore()) {
            int start = r.position();
            long key = r.key();
            int field = ProtoReader.fieldNumber(key);
            boolean delimited = ProtoReader.wireType(key) == ProtoReader.LENGTH_DELIMITED;
            if (field == 1 && delimited) {
                r.skip(key);
                if (node++ != nodeIndex) {
                    out.write(graph, start, r.position() - start);
                }
            } else if (field == 12 && delimited) {
                int[] info = r.span();
                writeField(out, 12, renamedValueInfo(java.util.Arrays.copyOfRange(graph, info[0], info[1]),
                        oldOutput, newOutput));
            } else {
                r.skip(key);
                out.write(graph, start, r.position() - start);
            }
        }
        return out.toByteArray();
    }

    private static byte[] renamedValueInfo(byte[] info, String oldName, String newName) throws OnnxImportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(info.length + newName.length());
        ProtoReader r = new ProtoReader(info);
        while (r.hasMore()) {
            int start = r.position();
            long key = r.key();
            if (ProtoReader.fieldNumber(key) == 1 && ProtoReader.wireType(key) == ProtoReader.LENGTH_DELIMITED) {
                String name = r.string();
                writeField(out, 1, (name.equals(oldName) ? newName : name).getBytes(StandardCharsets.UTF_8));
            } else {
                r.skip(key);
                out.write(info, start, r.position() - start);
            }
        }
        return out.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, int field, byte[] payload) {
        writeVarint(out, (long) field << 3 | ProtoReader.LENGTH_DELIMITED);
        writeVarint(out, payload.length);
        out.write(payload, 0, payload.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
