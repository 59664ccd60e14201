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
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.WorkerStateEvent;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.usecase.MeasureRobustnessCurve;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.MaskingFlag;
import org.advlens.eval.MinimumNormResult;
import org.advlens.model.Classifier;

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
    private final List<EngineTask<CurveResult>> active = new ArrayList<>();
    private final ObjectProperty<ComparisonModel> comparison = new SimpleObjectProperty<>(this, "comparison");
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
        title = Bindings.createStringBinding(() -> title(results), results);
    }

    /**
     * The chart's title: the last run's model, data and clean accuracy; when earlier runs on the same data used other
     * models, every model with its clean accuracy, e.g. "A (clean 91.0 %) vs B (clean 78.5 %) on ...".
     */
    static String title(List<CurveResult> results) {
        if (results.isEmpty()) {
            return "Accuracy vs ε";
        }
        CurveResult last = results.get(results.size() - 1);
        Map<String, CurveResult> byModel = new java.util.LinkedHashMap<>();
        for (CurveResult r : results) {
            if (r.dataName().equals(last.dataName()) && r.size() == last.size()) {
                byModel.put(r.model().sha256(), r);
            }
        }
        if (byModel.size() == 1) {
            return String.format(Locale.ROOT, "%s on %s (%d images, clean accuracy %.1f %%)", last.model().name(),
                    last.dataName(), last.size(), 100 * last.cleanAccuracy());
        }
        return String.join(" vs ", byModel.values().stream().map(r -> String.format(Locale.ROOT,
                "%s (clean %.1f %%)", r.model().name(), 100 * r.cleanAccuracy())).toList())
                + String.format(Locale.ROOT, " on %s (%d images)", last.dataName(), last.size());
    }

    /**
     * Starts a curve run with the current settings; its points appear in {@link #curves()} as they finish. With a
     * {@link #comparisonProperty() comparison model}, the same curves then run on that model too, each series named
     * after its model.
     *
     * @return the run on the current model, or {@code null} when nothing can run
     */
    public EngineTask<CurveResult> runCurves() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        CurveSpec spec = settings.toSpec();
        CurveData data = CurveData.of(settings);
        ComparisonModel other = comparison.get();
        error.set("");
        running.set(true);
        progress.set(-1);
        EngineTask<CurveResult> first = start(spec, data, other == null ? null : workspace.modelInfo().name(),
                (p, t) -> model, false);
        if (other != null) {
            start(spec, data, other.label(), (p, t) -> {
                p.onProgress(-1, "loading " + other.label());
                return other.load();
            }, true);
        }
        return first;
    }

    /** Runs the curves with the bundled robust model as the comparison (one click on the form). */
    public EngineTask<CurveResult> compareWithRobust() {
        comparison.set(ComparisonModel.bundledRobust());
        return runCurves();
    }

    /**
     * Submits one model's run.
     *
     * @param modelLabel the model's name in the legend, or {@code null} when one model runs alone
     * @param open gives the classifier on the engine thread
     * @param close whether the run closes the classifier when it ends (a comparison model it loaded)
     */
    private EngineTask<CurveResult> start(CurveSpec spec, CurveData data, String modelLabel,
                                          org.advlens.job.Job<Classifier> open, boolean close) {
        int run = ++runNumber;
        Map<String, LiveCurve> byAttack = new HashMap<>();
        for (CurveSpec.Entry e : spec.attacks()) {
            LiveCurve c = new LiveCurve(uniqueKey(e, modelLabel), e.attack(), run);
            byAttack.put(e.attack(), c);
            curves.add(c);
        }
        String names = String.join(" + ", spec.attacks().stream().map(e -> e.attack().toUpperCase(Locale.ROOT))
                .toList());
        EngineTask<CurveResult> task = jobs.submit("Curve " + names + " (run " + run + ")"
                + (modelLabel == null ? "" : " on " + modelLabel), (p, token) -> {
                    Classifier model = open.run(p, token);
                    try {
                        p.onProgress(-1, "loading the data set");
                        LabelledDataset images = data.load(model.inputSpec());
                        token.throwIfCancelled();
                        MeasureRobustnessCurve curve = new MeasureRobustnessCurve(
                                new MeasureRobustnessCurve.Request(model, images, spec),
                                point -> Platform.runLater(() -> byAttack.get(point.attack()).add(point)));
                        return curve.run(p, token);
                    } finally {
                        if (close) {
                            model.close();
                        }
                    }
                });
        active.add(task);
        if (active.size() == 1) {
            follow(task);
        }
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_RUNNING, e -> follow(task));
        task.whenSucceeded(result -> {
            results.add(result);
            byAttack.values().forEach(c -> c.finish(LiveCurve.State.DONE));
            for (MaskingFlag f : result.flags()) {
                warnings.add(f);
                notices.warning("Check this evaluation" + (modelLabel == null ? "" : " of " + modelLabel),
                        f.message());
            }
        }).whenCancelled(() -> byAttack.values().forEach(c -> c.finish(LiveCurve.State.CANCELLED)))
                .whenFailed(m -> {
                    error.set(modelLabel == null ? m : modelLabel + ": " + m);
                    byAttack.values().forEach(c -> c.finish(LiveCurve.State.FAILED));
                    curves.removeIf(c -> c.run() == run && c.points().isEmpty());
                })
                .whenDone(() -> {
                    active.remove(task);
                    if (active.isEmpty()) {
                        progress.unbind();
                        message.unbind();
                        running.set(false);
                        message.set(task.isCancelled() ? "Cancelled" : task.getState() == javafx.concurrent.Worker
                                .State.FAILED ? "Failed" : "Done");
                    }
                });
        return task;
    }

    /** Shows {@code task}'s progress and message as the view's. */
    private void follow(EngineTask<CurveResult> task) {
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
    }

    /**
     * Shows a finished result again (one from an earlier session): its curves appear as finished series and it
     * counts among {@link #results()}, for export and diagnostics, as if it had just run.
     */
    public void restore(CurveResult result) {
        int run = ++runNumber;
        String modelLabel = result.model().name();
        for (org.advlens.eval.AttackCurve a : result.curves()) {
            LiveCurve c = new LiveCurve(uniqueKey(new CurveSpec.Entry(a.attack(), a.params()),
                    modelLabel + " (restored)"), a.attack(), run);
            a.points().forEach(c::add);
            c.finish(LiveCurve.State.DONE);
            curves.add(c);
        }
        results.add(result);
        warnings.addAll(result.flags());
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

    private String uniqueKey(CurveSpec.Entry e, String modelLabel) {
        return uniqueKey(e.attack().toUpperCase(Locale.ROOT) + " " + (e.params().norm().label().equals("linf") ? "L∞"
                : "L2") + (e.attack().equals("fgsm") ? "" : ", " + e.params().steps() + " steps")
                + (modelLabel == null ? "" : " · " + modelLabel));
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

    /** Cancels the running curves (of both models when comparing); their points so far stay on the chart. */
    public void cancel() {
        for (EngineTask<CurveResult> t : List.copyOf(active)) {
            t.cancel();
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

    /** The second model whose curves join the current model's in each run, or {@code null} for none. */
    public ObjectProperty<ComparisonModel> comparisonProperty() {
        return comparison;
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
