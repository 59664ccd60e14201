package org.advlens.app.jobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.advlens.app.common.Messages;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.Job;

/**
 * An engine {@link Job} as a JavaFX {@link Task}: the job's progress and messages become the task's, and
 * {@link #cancel()} cancels the job's {@link CancellationToken}. The job never sees a thread interrupt; it stops
 * at its next cancellation check, and the task reports {@code CANCELLED} at once.
 *
 * <p>Callbacks registered with {@link #whenSucceeded}, {@link #whenFailed} and {@link #whenDone} run on the FX
 * thread; several may be registered.
 *
 * @param <T> the job's result
 */
public final class EngineTask<T> extends Task<T> {

    private final Job<T> job;
    private final CancellationToken token = CancellationToken.create();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final AtomicBoolean entered = new AtomicBoolean();

    EngineTask(String title, Job<T> job) {
        this.job = job;
        updateTitle(title);
        updateMessage("waiting for the engine");
    }

    @Override
    protected T call() throws Exception {
        entered.set(true);
        try {
            token.throwIfCancelled();
            updateMessage("starting");
            return job.run((fraction, message) -> {
                if (fraction >= 0) {
                    updateProgress(Math.min(1, fraction), 1);
                } else {
                    updateProgress(-1, 1);
                }
                if (message != null) {
                    updateMessage(message);
                }
            }, token);
        } catch (CancelledException e) {
            cancelTask();
            throw e;
        } finally {
            released.complete(null);
        }
    }

    /**
     * Completes when the engine thread has left the job: after it returned, failed or stopped at a cancellation
     * check. {@link #cancel()} reports {@code CANCELLED} at once; this says when the engine is free again.
     */
    public CompletionStage<Void> engineReleased() {
        return released;
    }

    private void cancelTask() {
        if (!isCancelled()) {
            super.cancel(false);
        }
    }

    /** Asks the job to stop at its next check; the engine thread is never interrupted. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        token.cancel();
        boolean cancelled = super.cancel(false);
        if (cancelled && entered.compareAndSet(false, true)) {
            released.complete(null); // cancelled while waiting: the engine never started it
        }
        return cancelled;
    }

    /** Whether cancellation was asked for, even if the job has not yet reached its next check. */
    public boolean cancelRequested() {
        return token.isCancelled();
    }

    /** A readable reason for a failure, or an empty string. */
    public String failureMessage() {
        return getException() == null ? "" : Messages.of(getException());
    }

    public EngineTask<T> whenSucceeded(Consumer<T> action) {
        addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> action.accept(getValue()));
        return this;
    }

    /** Called with the readable failure message. */
    public EngineTask<T> whenFailed(Consumer<String> action) {
        addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> action.accept(failureMessage()));
        return this;
    }

    public EngineTask<T> whenCancelled(Runnable action) {
        addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> action.run());
        return this;
    }

    /** Called once the task succeeded, failed or was cancelled. */
    public EngineTask<T> whenDone(Runnable action) {
        addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> action.run());
        addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> action.run());
        addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> action.run());
        return this;
    }
}
