package org.advlens.model.onnx;

/**
 * A DL4J network could not be exported to ONNX exactly: a layer, vertex, pre-processor, activation or setting has
 * no plain ONNX equivalent here. The message names the layer or vertex (index, name and class) and the reason,
 * so that the caller can say why it falls back to running the network in DL4J.
 */
public final class OnnxExportException extends Exception {

    public OnnxExportException(String message) {
        super(message);
    }

    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
