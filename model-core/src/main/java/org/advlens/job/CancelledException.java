package org.advlens.job;

/** Thrown by a job that stopped because its {@link CancellationToken} was cancelled. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("Cancelled by the user", null, false, false);
    }
}
