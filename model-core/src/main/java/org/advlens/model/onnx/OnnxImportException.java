package org.advlens.model.onnx;

/**
 * An ONNX file could not be read or translated: corrupt bytes, an unsupported op or attribute, or a graph that is
 * not an image classifier. The message says what and, for a node, names the op and the node.
 */
public final class OnnxImportException extends Exception {

    public OnnxImportException(String message) {
        super(message);
    }

    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
