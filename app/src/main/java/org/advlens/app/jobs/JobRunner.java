package org.advlens.app.jobs;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Notices;
import org.advlens.job.Job;

/**
 * The one place where engine work leaves the FX thread. Every {@link Job} runs as an {@link EngineTask} on a
 * single engine thread, in submission order: a DL4J classifier is not thread-safe, and one thread needs no
 * locks. Failures are posted to {@link Notices} with a readable message; cancellations too.
 *
 * <p>{@link #synchronous(Notices)} gives a runner that runs each job at once on the calling thread, for tests.
 */
public final class JobRunner implements AutoCloseable {

    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final Notices notices;
    private final ObservableList<EngineTask<?>> visible = FXCollections.observableArrayList();
    private final ObservableList<EngineTask<?>> history = FXCollections.observableArrayList();
    private final ObservableList<EngineTask<?>> readOnlyHistory = FXCollections.unmodifiableObservableList(history);

    private JobRunner(Executor executor, ExecutorService owned, Notices notices) {
        this.executor = executor;
        this.ownedExecutor = owned;
        this.notices = notices;
    }

    /** A runner with its own engine thread (a daemon, so it never keeps the JVM alive). */
    public static JobRunner engineThread(Notices notices) {
        ExecutorService engine = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "advlens-engine");
            t.setDaemon(true);
            return t;
        });
        return new JobRunner(engine, engine, notices);
    }

    /** A runner that runs each job immediately on the thread that submits it. */
    public static JobRunner synchronous(Notices notices) {
        return new JobRunner(Runnable::run, null, notices);
    }

    /**
     * Runs {@code job} on the engine thread and lists it in the jobs panel while it waits or runs.
     * Call on the FX thread.
     */
    public <T> EngineTask<T> submit(String title, Job<T> job) {
        return start(title, job, true);
    }

    /**
     * Runs {@code job} on the engine thread without listing it (short housekeeping such as closing a model).
     * Failures are still reported.
     */
    public <T> EngineTask<T> submitQuietly(String title, Job<T> job) {
        return start(title, job, false);
    }

    private <T> EngineTask<T> start(String title, Job<T> job, boolean listed) {
        checkFxThread();
        EngineTask<T> task = new EngineTask<>(title, job);
        if (listed) {
            visible.add(task);
            history.add(0, task);
            if (history.size() > 100) {
                history.remove(100, history.size());
            }
            task.whenDone(() -> visible.remove(task));
        }
        task.whenFailed(message -> notices.error(title + " failed", message));
        if (listed) {
            task.whenCancelled(() -> notices.info(title, "cancelled"));
        }
        executor.execute(task);
        return task;
    }

    /** Jobs waiting or running, oldest first: what the jobs panel shows. */
    public ObservableList<EngineTask<?>> activeTasks() {
        return visible;
    }

    /** The last 100 listed jobs, newest first, whatever their state. */
    public ObservableList<EngineTask<?>> history() {
        return readOnlyHistory;
    }

    /** Cancels every listed job. */
    public void cancelAll() {
        for (EngineTask<?> t : visible.toArray(new EngineTask<?>[0])) {
            t.cancel();
        }
    }

    @Override
    public void close() {
        cancelAll();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                ownedExecutor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkFxThread() {
        if (ownedExecutor != null && !Platform.isFxApplicationThread()) {
            throw new IllegalStateException("submit jobs from the FX application thread");
        }
    }
}
