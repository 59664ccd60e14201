package org.advlens.app.curves;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.attack.DistanceMeasure;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.eval.DistanceHistogram;
import org.advlens.eval.MinimumNormEvaluation;
import org.advlens.eval.MinimumNormResult;
import org.advlens.model.Classifier;

/**
 * The curves view's minimum-norm option: one run of a minimisation attack over the form's data
 * ({@link MinimumNormEvaluation}) gives every image's smallest adversarial perturbation; the robust accuracy they
 * imply is handed to the chart as another series, and their distribution is kept for a histogram.
 */
public final class MinimumNormCurveViewModel {

    /** Bins of the distance histogram: few enough for their labels to fit the side panel. */
    static final int HISTOGRAM_BINS = 12;

    private final Workspace workspace;
    private final CurveSettings settings;
    private final Consumer<MinimumNormResult> plot;
    private final ObservableList<MinimizationAttack> attacks = FXCollections.observableArrayList(
            MinimizationAttacks.all());
    private final ObjectProperty<MinimizationAttack> attack = new SimpleObjectProperty<>(this, "attack");
    private final CurrentJob<MinimumNormResult> job;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final BooleanBinding canRun;

    /** @param plot adds the implied curve of a finished run to the chart (on the FX thread) */
    MinimumNormCurveViewModel(Workspace workspace, JobRunner jobs, CurveSettings settings,
                              Consumer<MinimumNormResult> plot) {
        this.workspace = workspace;
        this.settings = settings;
        this.plot = plot;
        this.job = new CurrentJob<>(this, jobs);
        attack.set(attacks.stream().filter(a -> a.name().equals("deepfool")).findFirst().orElse(attacks.get(0)));
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !job.runningProperty().get()
                && attack.get() != null && settings.errorProperty().get().isEmpty(), workspace.modelProperty(),
                job.runningProperty(), attack, settings.errorProperty());
    }

    /** The attack's defaults; DeepFool (the one attack with a choice of norm) follows the form's norm. */
    public MinimizationParams params() {
        MinimizationParams p = attack.get().defaults();
        return attack.get().name().equals("deepfool") ? p.withNorm(settings.normProperty().get()) : p;
    }

    /**
     * The implied curve's budgets: the form's epsilons when the attack measures in the chart's norm, so the new
     * series lines up with the others; otherwise 21 even budgets up to the largest distance found.
     */
    public MinimumNormEvaluation.Options options() {
        boolean sameNorm = attack.get().measure(params()) == DistanceMeasure.of(settings.normProperty().get());
        return new MinimumNormEvaluation.Options(settings.batchSizeProperty().get(), 21,
                sameNorm ? settings.epsilons() : new double[0], HISTOGRAM_BINS);
    }

    /** Runs the attack over the data as a job; the implied curve joins the chart when it finishes. */
    public EngineTask<MinimumNormResult> run() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        CurveData data = CurveData.of(settings);
        MinimizationAttack chosen = attack.get();
        MinimizationParams params = params();
        MinimumNormEvaluation.Options options = options();
        summary.set("Running…");
        EngineTask<MinimumNormResult> task = job.start("Minimum-norm " + chosen.name().toUpperCase(Locale.ROOT)
                + " over the data", (p, token) -> {
            p.onProgress(-1, "loading the data set");
            return new MinimumNormEvaluation(model, data.load(model.inputSpec()), chosen, params, options)
                    .run(p, token);
        });
        task.whenSucceeded(r -> {
            summary.set(summaryOf(r));
            plot.accept(r);
        }).whenFailed(summary::set).whenCancelled(() -> summary.set("Cancelled"));
        return task;
    }

    /** "DeepFool L2: mean 1.23, median 1.10; fooled 98.0 % of 180 eligible". */
    static String summaryOf(MinimumNormResult r) {
        String m = measureName(r.measure());
        long eligible = r.samples().stream().filter(s -> s.eligible()).count();
        return String.format(Locale.ROOT, "%s %s: mean %.4g, median %.4g; fooled %.1f %% of %d eligible", r.attack(),
                m, r.meanDistance(), r.medianDistance(), 100 * r.successRate(), eligible);
    }

    static String measureName(DistanceMeasure m) {
        return switch (m) {
            case L0 -> "L0";
            case L2 -> "L2";
            case LINF -> "L∞";
        };
    }

    public void cancel() {
        job.cancel();
    }

    public ObservableList<MinimizationAttack> attacks() {
        return attacks;
    }

    public ObjectProperty<MinimizationAttack> attackProperty() {
        return attack;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** Mean and median distance and success rate of the last run, or what went wrong. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The last finished run, or {@code null}. */
    public ReadOnlyObjectProperty<MinimumNormResult> resultProperty() {
        return job.resultProperty();
    }

    /** The distance histogram of the last finished run, or {@code null}. */
    public DistanceHistogram histogram() {
        MinimumNormResult r = job.resultProperty().get();
        return r == null ? null : r.histogram();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
