package org.advlens.job;

/**
 * Receives progress from long-running engine work. Implementations must be cheap and thread-safe:
 * they are called from the worker thread.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (fraction, message) -> { };

    /**
     * @param fraction completed fraction in [0, 1], or a negative value when unknown
     * @param message a short human-readable description of the current step
     */
    void onProgress(double fraction, String message);
}
