package org.advlens.app.robustness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.common.charts.CurveChartFactory;
import org.advlens.app.common.charts.RobustnessChartFactory;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.ood.BuiltInOodSet;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.eval.ood.OodImages;
import org.advlens.eval.ood.OodScore;
import org.advlens.model.Classifier;
import org.jfree.chart.JFreeChart;

/**
 * The OOD tab's state and commands: score the data and each out-of-distribution set, and keep AUROC, AUPR and
 * FPR at 95% TPR with the ROC curves and score histograms; the charts show the score (and set) chosen here.
 */
public final class OodViewModel {

    private final Workspace workspace;
    private final DataSelection data;
    private final OodSettings settings = new OodSettings();
    private final EvaluationRun<OodOutcome> run;
    private final BooleanBinding canRun;
    private final ObjectProperty<OodScore> shownScore = new SimpleObjectProperty<>(this, "shownScore");
    private final ObjectProperty<String> shownSet = new SimpleObjectProperty<>(this, "shownSet");

    OodViewModel(Workspace workspace, DataSelection data, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.data = data;
        this.run = new EvaluationRun<>(jobs, notices);
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !run.runningProperty().get()
                && settings.errorProperty().get().isEmpty(), workspace.modelProperty(), run.runningProperty(),
                settings.errorProperty());
        run.onResult(f -> {
            OodEvaluation.Result r = f.result().evaluation();
            if (shownScore.get() == null || !r.options().scores().contains(shownScore.get())) {
                shownScore.set(r.options().scores().get(0));
            }
            if (shownSet.get() == null || !r.sets().containsKey(shownSet.get())) {
                shownSet.set(r.sets().keySet().iterator().next());
            }
        });
    }

    /** Starts the evaluation with the form's settings; {@code null} when the form is invalid or a run is going. */
    public EngineTask<Finished<OodOutcome>> runOod() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        OodEvaluation.Options options = settings.options();
        int limit = settings.limit();
        long seed = settings.seed();
        List<BuiltInOodSet> builtIn = settings.chosenBuiltIn();
        List<Path> files = List.copyOf(settings.files());
        DataSelection.Source source = data.source();
        return run.start(String.format(Locale.ROOT, "OOD detection, %d scores × %d sets (%d images)",
                options.scores().size(), builtIn.size() + files.size(), limit), (p, token) -> {
                    p.onProgress(-1, "loading the data set");
                    long start = System.nanoTime();
                    LabelledDataset in = source.load(model.inputSpec(), limit);
                    List<OodEvaluation.OodSet> sets = new ArrayList<>();
                    List<String> sources = new ArrayList<>();
                    for (BuiltInOodSet b : builtIn) {
                        sets.add(new OodEvaluation.OodSet(b.id(), "built-in from " + in.name(),
                                b.make(in.images(), model.inputSpec(), seed)));
                        sources.add("built-in from " + in.name() + ": " + b.description());
                    }
                    for (Path file : files) {
                        sets.add(new OodEvaluation.OodSet(file.getFileName().toString(), file.toString(),
                                OodImages.load(file, model.inputSpec(), true)));
                        sources.add(file.toString());
                    }
                    LabelledDataset fit = options.scores().contains(OodScore.MAHALANOBIS) ? Datasets.fit(
                            FashionMnist.train(FashionMnist.DEBIAN_DIR), model.inputSpec())
                            .limit(OodSettings.FIT_LIMIT) : null;
                    token.throwIfCancelled();
                    OodEvaluation.Result r = new OodEvaluation(model, in, sets, fit, options).run(p, token);
                    return Finished.of(new OodOutcome(r, sources, seed), model.info(), in, start);
                });
    }

    public void cancel() {
        run.cancel();
    }

    /** The ROC curves of the shown score, one per set, or {@code null} before the first result. */
    public JFreeChart rocChart() {
        Finished<OodOutcome> f = run.resultProperty().get();
        return f == null || shownScore.get() == null ? null : RobustnessChartFactory.roc("ROC, " + shownScore.get()
                .id(), f.result().evaluation(), shownScore.get());
    }

    /** The in- and out-of-distribution histograms of the shown score and set, or {@code null}. */
    public JFreeChart histogramChart() {
        Finished<OodOutcome> f = run.resultProperty().get();
        if (f == null || shownScore.get() == null || shownSet.get() == null) {
            return null;
        }
        OodEvaluation.Entry e = f.result().evaluation().entry(shownScore.get(), shownSet.get());
        return RobustnessChartFactory.histogram(shownScore.get().id() + " scores", e.histogram(), e.set());
    }

    /** Writes the result as JSON (docs/ood.md), or the shown ROC chart as PNG, chosen by the file's extension. */
    public EngineTask<Path> export(Path file) {
        OodScore score = shownScore.get();
        return run.export(file, (f, target) -> {
            if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                CurveChartFactory.writePng(RobustnessChartFactory.roc(CertificationViewModel.title(f) + ", "
                        + score.id(), f.result().evaluation(), score), target, CurveChartFactory.DEFAULT_WIDTH,
                        CurveChartFactory.DEFAULT_HEIGHT);
            } else {
                RobustnessJson.write(RobustnessJson.ood(f.result().evaluation(), f, f.result().sources(),
                        f.result().seed()), target);
            }
        });
    }

    public OodSettings settings() {
        return settings;
    }

    public EvaluationRun<OodOutcome> run() {
        return run;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** The score the charts show. */
    public ObjectProperty<OodScore> shownScoreProperty() {
        return shownScore;
    }

    /** The OOD set whose histogram is shown. */
    public ObjectProperty<String> shownSetProperty() {
        return shownSet;
    }
}
