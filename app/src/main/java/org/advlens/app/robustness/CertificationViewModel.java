package org.advlens.app.robustness;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.common.charts.CurveChartFactory;
import org.advlens.app.common.charts.RobustnessChartFactory;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Certification;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.model.Classifier;
import org.jfree.chart.JFreeChart;

/**
 * The certification tab's state and commands: certify the first images of the chosen data with randomized
 * smoothing (Cohen, Rosenfeld and Kolter, ICML 2019) and keep the certificates for the chart and export.
 */
public final class CertificationViewModel {

    /** The radii the JSON export reports certified accuracy at, as {@code advlens certify} does by default. */
    static final double[] EXPORT_RADII = {0, 0.25, 0.5, 0.75, 1};

    private final Workspace workspace;
    private final DataSelection data;
    private final CertificationSettings settings = new CertificationSettings();
    private final EvaluationRun<Certification.Result> run;
    private final BooleanBinding canRun;

    CertificationViewModel(Workspace workspace, DataSelection data, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.data = data;
        this.run = new EvaluationRun<>(jobs, notices);
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !run.runningProperty().get()
                && settings.errorProperty().get().isEmpty(), workspace.modelProperty(), run.runningProperty(),
                settings.errorProperty());
    }

    /** Starts certifying with the form's settings; {@code null} when the form is invalid or a run is going. */
    public EngineTask<Finished<Certification.Result>> runCertification() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        RandomizedSmoothing.Options options = settings.options();
        int limit = settings.limit();
        long seed = settings.seed();
        DataSelection.Source source = data.source();
        return run.start(String.format(Locale.ROOT, "Certify σ=%s, n=%d (%d images)", settings.sigmaProperty().get()
                .strip(), options.n(), limit), (p, token) -> {
                    p.onProgress(-1, "loading the data set");
                    long start = System.nanoTime();
                    LabelledDataset set = source.load(model.inputSpec(), limit);
                    token.throwIfCancelled();
                    return Finished.of(new Certification(model, set, options, seed).run(p, token), model.info(), set,
                            start);
                });
    }

    public void cancel() {
        run.cancel();
    }

    /** The chart of the finished certificates, or {@code null} before the first. */
    public JFreeChart chart() {
        Finished<Certification.Result> f = run.resultProperty().get();
        return f == null ? null : RobustnessChartFactory.certifiedAccuracy(title(f), f.result());
    }

    static String title(Finished<?> f) {
        return String.format(Locale.ROOT, "%s on %s (%d images)", f.model().name(), f.dataName(), f.size());
    }

    /** Writes the certificates as JSON or the chart as PNG, chosen by the file's extension. */
    public EngineTask<Path> export(Path file) {
        return run.export(file, (f, target) -> {
            if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                CurveChartFactory.writePng(RobustnessChartFactory.certifiedAccuracy(title(f), f.result()), target,
                        CurveChartFactory.DEFAULT_WIDTH, CurveChartFactory.DEFAULT_HEIGHT);
            } else {
                RobustnessJson.write(RobustnessJson.certification(f, EXPORT_RADII), target);
            }
        });
    }

    public CertificationSettings settings() {
        return settings;
    }

    public EvaluationRun<Certification.Result> run() {
        return run;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
