package org.advlens.app.jobs;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;

/** State of the jobs panel: the running and waiting jobs, and the recent ones with how they ended. */
public final class JobsViewModel {

    private final JobRunner runner;
    private final BooleanBinding busy;
    private final StringBinding summary;

    public JobsViewModel(JobRunner runner) {
        this.runner = runner;
        this.busy = Bindings.isNotEmpty(runner.activeTasks());
        this.summary = Bindings.createStringBinding(() -> {
            int n = runner.activeTasks().size();
            return n == 0 ? "No jobs running" : n == 1 ? "1 job" : n + " jobs";
        }, runner.activeTasks());
    }

    public ObservableList<EngineTask<?>> activeTasks() {
        return runner.activeTasks();
    }

    public ObservableList<EngineTask<?>> history() {
        return runner.history();
    }

    public BooleanBinding busyProperty() {
        return busy;
    }

    public StringBinding summaryProperty() {
        return summary;
    }

    public void cancelAll() {
        runner.cancelAll();
    }

    /** One line for a finished or running job, e.g. "PGD curve: cancelled". */
    public static String describe(EngineTask<?> task) {
        Worker.State s = task.getState();
        String state = switch (s) {
            case READY, SCHEDULED -> "waiting";
            case RUNNING -> task.cancelRequested() ? "stopping" : percent(task.getProgress());
            case SUCCEEDED -> "done";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed: " + task.failureMessage();
        };
        return task.getTitle() + ": " + state;
    }

    private static String percent(double p) {
        return p < 0 ? "running" : "running " + Math.round(p * 100) + "%";
    }
}
