package org.advlens.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.advlens.job.CancellationToken;
import org.apache.spark.TaskContext;

/**
 * Turns Spark's kill of a task (job cancellation, or a stage that no longer needs it) into the engine's cooperative
 * cancellation: polls the task context every 100 ms and cancels the token the engine checks once per step.
 */
final class TaskKillWatch implements AutoCloseable {

    private final ScheduledExecutorService poller;

    TaskKillWatch(TaskContext context, CancellationToken token) {
        if (context == null) {
            poller = null;
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "advlens-task-kill-watch");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            if (context.isInterrupted()) {
                token.cancel();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
