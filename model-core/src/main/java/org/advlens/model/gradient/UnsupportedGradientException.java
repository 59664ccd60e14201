package org.advlens.model.gradient;

/**
 * The gradient engine cannot differentiate a model: an op without a backward rule, or a form of an op that its
 * rule does not cover. The message names the op and the node; callers fall back to a slower path that can.
 */
public final class UnsupportedGradientException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnsupportedGradientException(String message) {
        super(message);
    }

    public UnsupportedGradientException(String message, Throwable cause) {
        super(message, cause);
    }
}
