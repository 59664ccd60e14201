package org.advlens.model.onnx;

import java.util.Map;

/**
 * An ONNX {@code ModelProto}: the parts AdvLens uses. Read with {@link #parse(byte[])}.
 *
 * @param irVersion ONNX IR version
 * @param producer producer name and version, e.g. {@code "pytorch 1.13.0"}
 * @param opsets operator set versions by domain; the default domain is {@code ""}
 * @param metadata the {@code metadata_props} key-value pairs
 * @param graph the main graph
 */
public record OnnxModel(long irVersion, String producer, Map<String, Long> opsets, Map<String, String> metadata,
                        OnnxGraph graph) {

    public OnnxModel {
        opsets = Map.copyOf(opsets);
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    /**
     * Parses the bytes of an {@code .onnx} file.
     *
     * @throws OnnxImportException if the bytes are not a valid ModelProto with a graph, or hold a tensor AdvLens
     *     does not read (external data, an unsupported element type); the message names the problem
     */
    public static OnnxModel parse(byte[] bytes) throws OnnxImportException {
        return OnnxProtoConverter.model(OnnxProtoConverter.read(bytes));
    }

    /** Version of the default ({@code ai.onnx}) operator set, 0 if the file declares none. */
    public long defaultOpset() {
        return opsets.getOrDefault("", opsets.getOrDefault("ai.onnx", 0L));
    }
}
