package org.advlens.app.robustness;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Worker;
import org.advlens.app.common.Notices;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.job.Job;

/**
 * The run state one evaluation shares with its view: the finished result, whether a job runs, its progress and
 * message, and why the last run failed. Jobs go through the {@link JobRunner}, so they show in the jobs panel.
 *
 * @param <R> the engine's result type
 */
public final class EvaluationRun<R> {

    /** Writes a finished result to a file. */
    interface Writer<R> {
        void write(Finished<R> finished, Path file) throws Exception;
    }

    private final JobRunner jobs;
    private final Notices notices;
    private final ReadOnlyObjectWrapper<Finished<R>> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private EngineTask<Finished<R>> current;

    EvaluationRun(JobRunner jobs, Notices notices) {
        this.jobs = jobs;
        this.notices = notices;
    }

    /** Submits {@code job}; its result replaces the shown one when it succeeds. Call on the FX thread. */
    EngineTask<Finished<R>> start(String title, Job<Finished<R>> job) {
        error.set("");
        running.set(true);
        progress.set(-1);
        EngineTask<Finished<R>> task = jobs.submit(title, job);
        current = task;
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        task.whenSucceeded(result::set)
                .whenFailed(error::set)
                .whenDone(() -> {
                    progress.unbind();
                    message.unbind();
                    running.set(false);
                    progress.set(task.getState() == Worker.State.SUCCEEDED ? 1 : 0);
                    message.set(task.isCancelled() ? "Cancelled" : task.getState() == Worker.State.FAILED ? "Failed"
                            : "Done");
                });
        return task;
    }

    /** Asks the running job to stop at its next check; the last finished result stays. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    /** Writes the finished result through the jobs panel; warns when there is none yet. */
    EngineTask<Path> export(Path file, Writer<R> writer) {
        Finished<R> r = result.get();
        if (r == null) {
            notices.warning("Nothing to export", "run the evaluation to the end first");
            return null;
        }
        return jobs.submit("Export " + file.getFileName(), (p, t) -> {
            writer.write(r, file);
            return file;
        }).whenSucceeded(f -> notices.info("Exported", f.toString()));
    }

    void onResult(Consumer<Finished<R>> action) {
        result.addListener((o, a, r) -> action.accept(r));
    }

    public ReadOnlyObjectProperty<Finished<R>> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The running job's progress in [0, 1], or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the last run failed, or an empty string. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void dismissError() {
        error.set("");
    }
}
