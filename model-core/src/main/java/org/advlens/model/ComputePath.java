package org.advlens.model;

/**
 * Which engine computes a classifier's logits and gradients, and why a slower path was taken, for the log and
 * the model panel.
 *
 * @param forward the engine of the logits, e.g. {@code "ONNX Runtime"}
 * @param gradient the engine of the input gradients, e.g. {@code "ONNX Runtime gradient graph"}
 * @param fallbackReason why the gradient engine on ONNX Runtime is not used; empty when it is
 */
public record ComputePath(String forward, String gradient, String fallbackReason) {

    public ComputePath {
        if (forward == null || forward.isBlank() || gradient == null || gradient.isBlank()) {
            throw new IllegalArgumentException("forward and gradient engines must be named");
        }
        fallbackReason = fallbackReason == null ? "" : fallbackReason;
    }

    /** Both on the gradient engine. */
    public static ComputePath runtime() {
        return new ComputePath(RUNTIME, RUNTIME_GRADIENT, "");
    }

    public static final String RUNTIME = "ONNX Runtime";
    public static final String RUNTIME_GRADIENT = "ONNX Runtime gradient graph";

    public boolean onGradientEngine() {
        return fallbackReason.isEmpty() && gradient.equals(RUNTIME_GRADIENT);
    }

    /** One line: {@code "logits: X, gradients: Y"} and the fallback reason if any. */
    public String describe() {
        return "logits: " + forward + ", gradients: " + gradient
                + (fallbackReason.isEmpty() ? "" : " (" + fallbackReason + ")");
    }
}
