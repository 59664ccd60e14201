package org.advlens.app.curves;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.MaskingFlag;
import org.advlens.eval.MinimumNormResult;
import org.advlens.eval.RobustnessCurve;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;

/**
 * The curves view's state and commands: run robustness curves on the engine thread, stream their points into
 * {@link #curves()} as they arrive, keep finished results for export, and collect gradient-masking warnings.
 * Runs accumulate until {@link #clear()}.
 */
public final class CurvesViewModel {

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final CurveSettings settings = new CurveSettings();
    private final ObservableList<LiveCurve> curves = FXCollections.observableArrayList();
    private final ObservableList<CurveResult> results = FXCollections.observableArrayList();
    private final ObservableList<MaskingFlag> warnings = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding canRun;
    private final BooleanBinding canExport;
    private final StringBinding title;
    private final DiagnosticsViewModel diagnostics;
    private final MinimumNormCurveViewModel minimumNorm;
    private EngineTask<CurveResult> current;
    private int runNumber;

    public CurvesViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !running.get()
                && settings.errorProperty().get().isEmpty(), workspace.modelProperty(), running,
                settings.errorProperty());
        canExport = Bindings.isNotEmpty(results);
        diagnostics = new DiagnosticsViewModel(workspace, jobs, settings);
        minimumNorm = new MinimumNormCurveViewModel(workspace, jobs, settings, this::addImpliedCurve);
        title = Bindings.createStringBinding(() -> results.isEmpty() ? "Accuracy vs ε"
                : String.format(Locale.ROOT, "%s on %s (%d images, clean accuracy %.1f %%)",
                results.get(results.size() - 1).model().name(), results.get(results.size() - 1).dataName(),
                results.get(results.size() - 1).size(), 100 * results.get(results.size() - 1).cleanAccuracy()),
                results);
    }

    /** Starts a curve run with the current settings; its points appear in {@link #curves()} as they finish. */
    public EngineTask<CurveResult> runCurves() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        CurveSpec spec = settings.toSpec();
        int limit = settings.limitProperty().get();
        Path dataFile = settings.dataFileProperty().get();
        Path labelFile = settings.labelFileProperty().get();
        int run = ++runNumber;
        Map<String, LiveCurve> byAttack = new HashMap<>();
        for (CurveSpec.Entry e : spec.attacks()) {
            LiveCurve c = new LiveCurve(uniqueKey(e), e.attack(), run);
            byAttack.put(e.attack(), c);
            curves.add(c);
        }
        error.set("");
        running.set(true);
        progress.set(-1);
        String names = String.join(" + ", spec.attacks().stream().map(e -> e.attack().toUpperCase(Locale.ROOT))
                .toList());
        EngineTask<CurveResult> task = jobs.submit("Curve " + names + " (run " + run + ")", (p, token) -> {
            p.onProgress(-1, "loading the data set");
            InputSpec in = model.inputSpec();
            LabelledDataset data = dataFile == null ? Datasets.bundledEvaluation(in) : Datasets.load(dataFile,
                    labelFile, in);
            data = data.limit(limit);
            token.throwIfCancelled();
            RobustnessCurve curve = new RobustnessCurve(model, data, spec,
                    point -> Platform.runLater(() -> byAttack.get(point.attack()).add(point)));
            return curve.run(p, token);
        });
        current = task;
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        task.whenSucceeded(result -> {
            results.add(result);
            byAttack.values().forEach(c -> c.finish(LiveCurve.State.DONE));
            for (MaskingFlag f : result.flags()) {
                warnings.add(f);
                notices.warning("Check this evaluation", f.message());
            }
        }).whenCancelled(() -> byAttack.values().forEach(c -> c.finish(LiveCurve.State.CANCELLED)))
                .whenFailed(m -> {
                    error.set(m);
                    byAttack.values().forEach(c -> c.finish(LiveCurve.State.FAILED));
                    curves.removeIf(c -> c.run() == run && c.points().isEmpty());
                })
                .whenDone(() -> {
                    progress.unbind();
                    message.unbind();
                    running.set(false);
                    message.set(task.isCancelled() ? "Cancelled" : task.getState() == javafx.concurrent.Worker.State
                            .FAILED ? "Failed" : "Done");
                });
        return task;
    }

    /** Adds the robust accuracy a minimum-norm run implies as one more, finished series. */
    private void addImpliedCurve(MinimumNormResult r) {
        LiveCurve c = new LiveCurve(uniqueKey(r.attack().toUpperCase(Locale.ROOT) + " "
                + MinimumNormCurveViewModel.measureName(r.measure()) + ", implied by min-norm"), r.attack(),
                ++runNumber);
        double[] eps = r.curve().epsilons();
        double[] acc = r.curve().accuracy();
        for (int k = 0; k < eps.length; k++) {
            c.add(new CurvePoint(r.attack(), eps[k], acc[k], 0, Double.NaN, Double.NaN, new boolean[0]));
        }
        c.finish(LiveCurve.State.DONE);
        curves.add(c);
    }

    private String uniqueKey(CurveSpec.Entry e) {
        return uniqueKey(e.attack().toUpperCase(Locale.ROOT) + " " + (e.params().norm().label().equals("linf") ? "L∞"
                : "L2") + (e.attack().equals("fgsm") ? "" : ", " + e.params().steps() + " steps"));
    }

    private String uniqueKey(String base) {
        String key = base;
        for (int i = 2; contains(key); i++) {
            key = base + " #" + i;
        }
        return key;
    }

    private boolean contains(String key) {
        return curves.stream().anyMatch(c -> c.key().equals(key));
    }

    /** Cancels the running curve; its points so far stay on the chart. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    /** Removes every curve, result and warning (a running curve is cancelled). */
    public void clear() {
        cancel();
        diagnostics.cancel();
        minimumNorm.cancel();
        curves.clear();
        results.clear();
        warnings.clear();
        error.set("");
    }

    /** The finished runs as one result when they share model and data, else the last one; {@code null} if none. */
    public CurveResult combinedResult() {
        if (results.isEmpty()) {
            return null;
        }
        CurveResult last = results.get(results.size() - 1);
        boolean compatible = results.stream().allMatch(r -> r.model().sha256().equals(last.model().sha256())
                && r.dataName().equals(last.dataName()) && r.size() == last.size());
        if (!compatible || results.size() == 1) {
            return last;
        }
        List<AttackCurve> all = new ArrayList<>();
        List<MaskingFlag> flags = new ArrayList<>();
        results.forEach(r -> {
            all.addAll(r.curves());
            flags.addAll(r.flags());
        });
        return new CurveResult(last.model(), last.dataName(), last.dataSource(), last.size(), last.cleanAccuracy(),
                last.cleanCorrect(), all, flags, last.created());
    }

    /** Writes the finished curves as CSV, JSON, PNG or SVG, chosen by the file's extension. */
    public EngineTask<Path> export(Path file) {
        CurveResult r = combinedResult();
        if (r == null) {
            notices.warning("Nothing to export", "run a curve to the end first");
            return null;
        }
        return jobs.submit("Export " + file.getFileName(), (p, t) -> {
            CurveExport.write(r, file);
            return file;
        }).whenSucceeded(f -> notices.info("Curves exported", f.toString()));
    }

    public CurveSettings settings() {
        return settings;
    }

    /** The "is this evaluation trustworthy?" checks on the form's model and data. */
    public DiagnosticsViewModel diagnostics() {
        return diagnostics;
    }

    /** The minimum-norm run whose implied curve joins the chart. */
    public MinimumNormCurveViewModel minimumNorm() {
        return minimumNorm;
    }

    public ObservableList<LiveCurve> curves() {
        return curves;
    }

    public ObservableList<CurveResult> results() {
        return results;
    }

    public ObservableList<MaskingFlag> warnings() {
        return warnings;
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

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    public StringBinding titleProperty() {
        return title;
    }

    /** Name of the data set the next run uses. */
    public String dataDescription() {
        Path f = settings.dataFileProperty().get();
        return f == null ? "bundled Fashion-MNIST test set (1000 images)" : f.getFileName().toString();
    }
}
