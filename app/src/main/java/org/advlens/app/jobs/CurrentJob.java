package org.advlens.app.jobs;

import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Worker;
import org.advlens.job.Job;

/**
 * A view's one job at a time, with the state every view shows for it: whether it runs, its progress and message
 * ("Done", "Cancelled" or "Failed: why" once it ends), and the latest result. Starting a job while one runs
 * cancels the old one; only the latest job's end changes the state. Call on the FX thread.
 *
 * @param <T> the job's result
 */
public final class CurrentJob<T> {

    private final JobRunner jobs;
    private final ReadOnlyBooleanWrapper running;
    private final ReadOnlyObjectWrapper<T> result;
    private final DoubleProperty progress;
    private final StringProperty message;
    private EngineTask<T> current;

    /** @param bean the view model the properties belong to */
    public CurrentJob(Object bean, JobRunner jobs) {
        this.jobs = jobs;
        this.running = new ReadOnlyBooleanWrapper(bean, "running");
        this.result = new ReadOnlyObjectWrapper<>(bean, "result");
        this.progress = new SimpleDoubleProperty(bean, "progress", 0);
        this.message = new SimpleStringProperty(bean, "message", "");
    }

    /** Submits {@code job} as the current one (cancelling a running one); its result becomes the result. */
    public EngineTask<T> start(String title, Job<T> job) {
        return begin(title, job, task -> task.isCancelled() ? "Cancelled" : task.getState() == Worker.State.FAILED
                ? "Failed: " + task.failureMessage() : "Done", false);
    }

    /**
     * Like {@link #start(String, Job)}, with the message left once the job ends written by {@code endMessage}
     * (called with the ended task), and the progress left at 1 after a success and 0 otherwise.
     */
    public EngineTask<T> start(String title, Job<T> job, Function<EngineTask<T>, String> endMessage) {
        return begin(title, job, endMessage, true);
    }

    private EngineTask<T> begin(String title, Job<T> job, Function<EngineTask<T>, String> endMessage,
                                boolean settleProgress) {
        cancel();
        running.set(true);
        EngineTask<T> task = jobs.submit(title, job);
        current = task;
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        task.whenSucceeded(r -> {
            if (current == task) {
                result.set(r);
            }
        }).whenDone(() -> {
            if (current != task) {
                return;
            }
            progress.unbind();
            message.unbind();
            running.set(false);
            message.set(endMessage.apply(task));
            if (settleProgress) {
                progress.set(task.getState() == Worker.State.SUCCEEDED ? 1 : 0);
            }
        });
        return task;
    }

    /** Asks the running job, if any, to stop. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    /**
     * Shows {@code restored} as the result, as after a job that produced it (the session's restore after an
     * unclean end); ignored while a job runs, whose result will replace it.
     */
    public void restoreResult(T restored) {
        if (!running.get()) {
            result.set(restored);
            message.set("Done");
        }
    }

    /** Forgets the result, e.g. when the model it was computed on is replaced. */
    public void clearResult() {
        result.set(null);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<T> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
