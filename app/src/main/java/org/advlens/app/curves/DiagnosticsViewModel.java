package org.advlens.app.curves;

import java.util.Arrays;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.eval.DiagnosticCheck;
import org.advlens.eval.DiagnosticsReport;
import org.advlens.eval.EvaluationDiagnostics;
import org.advlens.model.Classifier;

/**
 * "Is this evaluation trustworthy?" for the curves view: runs {@link EvaluationDiagnostics} on the current model
 * and the form's data, norm, positive epsilons, steps, limit and batch size, and keeps its checks. Square's query
 * budget and the stronger PGD are kept small ({@link #QUERIES}, {@link #STRONG_FACTOR}) so the check stays
 * interactive.
 */
public final class DiagnosticsViewModel {

    /** Square's query budget. */
    static final int QUERIES = 200;
    /** The stronger PGD takes this many times more steps, with {@link #STRONG_RESTARTS} restarts. */
    static final int STRONG_FACTOR = 3;
    static final int STRONG_RESTARTS = 2;

    private final Workspace workspace;
    private final CurveSettings settings;
    private final ObservableList<DiagnosticCheck> checks = FXCollections.observableArrayList();
    private final CurrentJob<DiagnosticsReport> job;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final BooleanBinding canRun;

    DiagnosticsViewModel(Workspace workspace, JobRunner jobs, CurveSettings settings) {
        this.workspace = workspace;
        this.settings = settings;
        this.job = new CurrentJob<>(this, jobs);
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !job.runningProperty().get()
                && settings.errorProperty().get().isEmpty(), workspace.modelProperty(), job.runningProperty(),
                settings.errorProperty());
    }

    /**
     * The options the next run uses: the form's norm, its epsilons above 0, its PGD steps, batch size and seed.
     *
     * @throws IllegalArgumentException if the form has no positive epsilon
     */
    public EvaluationDiagnostics.Options options() {
        double[] eps = Arrays.stream(settings.epsilons()).filter(e -> e > 0).toArray();
        return new EvaluationDiagnostics.Options(settings.normProperty().get(), eps, settings.stepsProperty().get(),
                QUERIES, STRONG_FACTOR, STRONG_RESTARTS, settings.batchSizeProperty().get(),
                Long.parseLong(settings.seedProperty().get().strip()));
    }

    /** Runs the diagnostics as a job; the checks replace the previous ones when it finishes. */
    public EngineTask<DiagnosticsReport> diagnose() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        CurveData data = CurveData.of(settings);
        EvaluationDiagnostics.Options options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            summary.set(e.getMessage());
            return null;
        }
        summary.set("Running…");
        EngineTask<DiagnosticsReport> task = job.start("Diagnose " + model.info().name(), (p, token) -> {
            p.onProgress(-1, "loading the data set");
            return new EvaluationDiagnostics(model, data.load(model.inputSpec()), options).run(p, token);
        });
        task.whenSucceeded(r -> {
            checks.setAll(r.checks());
            summary.set(summaryOf(r));
        }).whenFailed(summary::set).whenCancelled(() -> summary.set("Cancelled"));
        return task;
    }

    /** "6 of 7 checks pass on 200 images (L∞)" or "All 7 checks pass on 200 images (L∞)". */
    static String summaryOf(DiagnosticsReport r) {
        int n = r.checks().size();
        String norm = r.norm().label().equals("linf") ? "L∞" : "L2";
        return r.trustworthy() ? String.format(Locale.ROOT, "All %d checks pass on %d images (%s)", n, r.size(), norm)
                : String.format(Locale.ROOT, "%d of %d checks pass on %d images (%s): review the warnings",
                n - r.warnings().size(), n, r.size(), norm);
    }

    public void cancel() {
        job.cancel();
    }

    /** The checks of the last finished run, in the engine's order. */
    public ObservableList<DiagnosticCheck> checks() {
        return checks;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** One line about the last run, or why it could not start. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
