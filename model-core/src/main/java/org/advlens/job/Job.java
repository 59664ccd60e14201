package org.advlens.job;

/**
 * A unit of long-running engine work. It reports progress through the listener and polls the token;
 * it must not touch any UI toolkit. The desktop app adapts a job to its own task type in one place.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Job<T> {

    T run(ProgressListener progress, CancellationToken cancellation) throws Exception;
}
