package org.advlens.app.robustness;

import java.nio.file.Path;
import java.util.List;
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
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.model.Classifier;
import org.jfree.chart.JFreeChart;

/**
 * The calibration tab's state and commands: fit a softmax temperature on part of the data (Guo et al., ICML 2017)
 * and measure the rest before and after, with the risk-coverage curve of selective classification.
 */
public final class CalibrationViewModel {

    private final Workspace workspace;
    private final DataSelection data;
    private final CalibrationSettings settings = new CalibrationSettings();
    private final EvaluationRun<CalibrationEvaluation.Result> run;
    private final BooleanBinding canRun;

    CalibrationViewModel(Workspace workspace, DataSelection data, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.data = data;
        this.run = new EvaluationRun<>(jobs, notices);
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !run.runningProperty().get()
                && settings.errorProperty().get().isEmpty(), workspace.modelProperty(), run.runningProperty(),
                settings.errorProperty());
    }

    /** Starts the evaluation with the form's settings; {@code null} when the form is invalid or a run is going. */
    public EngineTask<Finished<CalibrationEvaluation.Result>> runCalibration() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        CalibrationEvaluation.Options options = settings.options();
        int limit = settings.limit();
        DataSelection.Source source = data.source();
        return run.start(String.format(Locale.ROOT, "Calibration, %d bins (%d images)", options.bins(), limit),
                (p, token) -> {
                    p.onProgress(-1, "loading the data set");
                    long start = System.nanoTime();
                    LabelledDataset set = source.load(model.inputSpec(), limit);
                    token.throwIfCancelled();
                    return Finished.of(new CalibrationEvaluation(model, set, options).run(p, token), model.info(),
                            set, start);
                });
    }

    public void cancel() {
        run.cancel();
    }

    /** The reliability diagram before and after temperature scaling, or {@code null} before the first result. */
    public JFreeChart reliabilityChart() {
        Finished<CalibrationEvaluation.Result> f = run.resultProperty().get();
        return f == null ? null : RobustnessChartFactory.reliability("Reliability diagram", f.result().before(),
                f.result().after());
    }

    /** The risk-coverage curves at T = 1 and at the fitted temperature, or {@code null} before the first result. */
    public JFreeChart riskCoverageChart() {
        Finished<CalibrationEvaluation.Result> f = run.resultProperty().get();
        return f == null ? null : RobustnessChartFactory.riskCoverage("Risk-coverage", List.of("MSP, T = 1",
                String.format(Locale.ROOT, "MSP, T = %.3f", f.result().fit().temperature())),
                List.of(f.result().selectiveBefore(), f.result().selectiveAfter()));
    }

    /** Writes the result as JSON, or the reliability diagram as PNG, chosen by the file's extension. */
    public EngineTask<Path> export(Path file) {
        return run.export(file, (f, target) -> {
            if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                JFreeChart chart = RobustnessChartFactory.reliability(CertificationViewModel.title(f),
                        f.result().before(), f.result().after());
                CurveChartFactory.writePng(chart, target, CurveChartFactory.DEFAULT_WIDTH,
                        CurveChartFactory.DEFAULT_HEIGHT);
            } else {
                RobustnessJson.write(RobustnessJson.calibration(f), target);
            }
        });
    }

    public CalibrationSettings settings() {
        return settings;
    }

    public EvaluationRun<CalibrationEvaluation.Result> run() {
        return run;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
