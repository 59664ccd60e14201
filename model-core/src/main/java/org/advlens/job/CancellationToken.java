package org.advlens.job;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread-safe stop flag that long computations poll at least once per batch or iteration.
 * One thread calls {@link #cancel()}, the worker calls {@link #throwIfCancelled()}.
 */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A fresh token that has not been cancelled. */
    public static CancellationToken create() {
        return new CancellationToken();
    }

    /** Requests cancellation; idempotent. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** @throws CancelledException if cancellation was requested */
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
