package org.advlens.app.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Worker;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.io.AtomicFiles;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.report.html.BatteryEstimate;
import org.advlens.report.html.BatteryJson;
import org.advlens.report.html.BatteryPresets;
import org.advlens.report.html.BatterySpec;
import org.advlens.report.html.HtmlReportWriter;
import org.advlens.report.html.ReportSummaryJson;
import org.advlens.report.html.RobustnessBattery;
import org.advlens.report.html.RobustnessReport;

/**
 * The "Write Robustness Report" dialog's state: the preset, the data (the bundled test set or the Robustness page's
 * data set), an optional second model, the output folder, the time estimate, and the running job with its progress.
 * The job runs the battery on the loaded model (and the second one) and writes {@code report.html},
 * {@code report.json} and {@code battery.json}, as {@code advlens report} does.
 */
public final class ReportViewModel {

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final ObjectProperty<Path> currentData;
    private final ObjectProperty<Path> currentLabels;

    private final ObjectProperty<String> preset = new SimpleObjectProperty<>(this, "preset", "quick");
    private final ObjectProperty<Path> batteryFile = new SimpleObjectProperty<>(this, "batteryFile");
    private final BooleanProperty bundledData = new SimpleBooleanProperty(this, "bundledData", true);
    private final ObjectProperty<Path> compareModel = new SimpleObjectProperty<>(this, "compareModel");
    private final ObjectProperty<Path> outputFolder = new SimpleObjectProperty<>(this, "outputFolder");
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper(this, "estimate", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Path> writtenReport = new ReadOnlyObjectWrapper<>(this, "writtenReport");
    private final BooleanBinding canWrite;
    private EngineTask<Path> current;

    /**
     * @param currentData the data file the Robustness page evaluates, {@code null} for the bundled set
     * @param currentLabels its label file, or {@code null}
     */
    public ReportViewModel(Workspace workspace, ObjectProperty<Path> currentData, ObjectProperty<Path> currentLabels,
                           JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.currentData = currentData;
        this.currentLabels = currentLabels;
        this.jobs = jobs;
        this.notices = notices;
        outputFolder.set(Path.of(System.getProperty("user.home"), "advlens-report"));
        canWrite = Bindings.createBooleanBinding(() -> workspace.model() != null && !running.get()
                && outputFolder.get() != null, workspace.modelProperty(), running, outputFolder);
    }

    /** The battery: the JSON battery file when one is chosen, else the chosen preset. */
    public BatterySpec battery() throws java.io.IOException {
        return batteryFile.get() != null ? BatteryJson.read(batteryFile.get()) : BatteryPresets.byName(preset.get());
    }

    /** A short description of the data the report will use. */
    public String dataDescription() {
        Path d = currentData.get();
        return d == null ? "none chosen" : d.getFileName().toString();
    }

    /** Whether the Robustness page has a data set of its own to offer. */
    public boolean hasCurrentData() {
        return currentData.get() != null;
    }

    /** A time estimate and the number of images the data set holds. */
    public record Estimated(BatteryEstimate estimate, int images) {
    }

    /** Measures the loaded model on the engine thread and shows how long the battery will take. */
    public EngineTask<Estimated> estimate() {
        Classifier model = workspace.model();
        if (model == null) {
            estimate.set("load a model first");
            return null;
        }
        BatterySpec spec;
        try {
            spec = battery();
        } catch (java.io.IOException | IllegalArgumentException e) {
            estimate.set("cannot read the battery: " + e.getMessage());
            return null;
        }
        Path data = chosenData();
        Path labels = chosenLabels();
        int models = compareModel.get() == null ? 1 : 2;
        estimate.set("estimating…");
        return jobs.submitQuietly("Estimate report time", (p, token) -> {
            LabelledDataset set = load(model, data, labels);
            return new Estimated(BatteryEstimate.measure(model, set.images(), spec, 50), set.size());
        }).whenSucceeded(e -> estimate.set(String.format(Locale.ROOT, "%s%s for %s on %d images: %s",
                e.estimate().describe(), models == 2 ? " per model" : "", spec.name(),
                Math.min(spec.images(), e.images()), String.join(", ", e.estimate().sections().stream()
                        .map(BatteryEstimate.Section::name).toList()))))
                .whenFailed(m -> estimate.set("cannot estimate: " + m));
    }

    /** Runs the battery and writes the report; {@code null} when it cannot start. */
    public EngineTask<Path> writeReport() {
        if (!canWrite.get()) {
            return null;
        }
        Classifier model = workspace.model();
        Path modelFile = workspace.modelFileProperty().get();
        Path compare = compareModel.get();
        Path data = chosenData();
        Path labels = chosenLabels();
        Path folder = outputFolder.get();
        BatterySpec spec;
        try {
            spec = battery();
        } catch (java.io.IOException | IllegalArgumentException e) {
            error.set("cannot read the battery: " + e.getMessage());
            return null;
        }
        String command = commandLine(spec, batteryFile.get(), modelFile, compare, data, labels, folder);
        error.set("");
        writtenReport.set(null);
        running.set(true);
        EngineTask<Path> task = jobs.submit("Robustness report (" + spec.name() + ")", (p, token) -> {
            p.onProgress(-1, "loading the data set");
            LabelledDataset set = load(model, data, labels);
            List<RobustnessReport> reports = new ArrayList<>();
            reports.add(run(model, set, spec, sourceOptions(modelFile, data, labels), p, token, 0,
                    compare == null ? 1 : 2));
            if (compare != null) {
                p.onProgress(-1, "loading " + compare.getFileName());
                try (Classifier second = ModelLoader.load(compare)) {
                    reports.add(run(second, set, spec, sourceOptions(compare, data, labels), p, token, 1, 2));
                }
            }
            Files.createDirectories(folder);
            Path html = folder.resolve("report.html");
            HtmlReportWriter.write(reports, command, html);
            AtomicFiles.writeString(folder.resolve("report.json"), ReportSummaryJson.toJson(reports, command));
            AtomicFiles.writeString(folder.resolve("battery.json"), BatteryJson.toJson(spec));
            return html;
        });
        current = task;
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        task.whenSucceeded(html -> {
            writtenReport.set(html);
            notices.info("Robustness report written", html.toString());
        }).whenFailed(error::set).whenDone(() -> {
            progress.unbind();
            message.unbind();
            running.set(false);
            progress.set(task.getState() == Worker.State.SUCCEEDED ? 1 : 0);
            message.set(task.isCancelled() ? "Cancelled" : task.getState() == Worker.State.FAILED ? "Failed" : "Done");
        });
        return task;
    }

    /** Asks the running report to stop at its next check. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    private static RobustnessReport run(Classifier model, LabelledDataset set, BatterySpec spec, String sources,
                                        ProgressListener p, CancellationToken token, int index, int count)
            throws Exception {
        BatteryEstimate e = BatteryEstimate.measure(model, set.images(), spec, 50);
        ProgressListener scaled = (f, m) -> p.onProgress(f < 0 ? f : (index + f) / count,
                model.info().name() + ": " + m);
        return new RobustnessBattery(model, set, spec, e, sources).run(scaled, token);
    }

    private static LabelledDataset load(Classifier model, Path data, Path labels) throws java.io.IOException {
        return data == null ? Datasets.bundledEvaluation(model.inputSpec())
                : Datasets.load(data, labels, model.inputSpec());
    }

    private Path chosenData() {
        return bundledData.get() ? null : currentData.get();
    }

    private Path chosenLabels() {
        return bundledData.get() ? null : currentLabels.get();
    }

    private static String sourceOptions(Path model, Path data, Path labels) {
        List<String> parts = new ArrayList<>();
        if (model != null) {
            parts.add("--model " + model);
        }
        if (data != null) {
            parts.add("--data " + data);
        }
        if (labels != null) {
            parts.add("--labels " + labels);
        }
        return String.join(" ", parts);
    }

    /** The {@code advlens report} command that writes the same report. */
    static String commandLine(BatterySpec spec, Path battery, Path model, Path compare, Path data, Path labels,
                              Path folder) {
        String sources = sourceOptions(model, data, labels);
        return "advlens report " + (battery == null ? "--preset " + spec.name() : "--battery " + battery)
                + (sources.isEmpty() ? "" : " " + sources)
                + (compare == null ? "" : " --compare " + compare) + " --out " + folder;
    }

    public ObjectProperty<String> presetProperty() {
        return preset;
    }

    /** A JSON battery file that replaces the preset, or {@code null}. */
    public ObjectProperty<Path> batteryFileProperty() {
        return batteryFile;
    }

    /** True for the bundled test set, false for the Robustness page's data set. */
    public BooleanProperty bundledDataProperty() {
        return bundledData;
    }

    /** A second model to run through the same battery, or {@code null}. */
    public ObjectProperty<Path> compareModelProperty() {
        return compareModel;
    }

    public ObjectProperty<Path> outputFolderProperty() {
        return outputFolder;
    }

    /** The time estimate as a sentence, empty before the first estimate. */
    public ReadOnlyStringProperty estimateProperty() {
        return estimate.getReadOnlyProperty();
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

    /** The last report written, or {@code null}. */
    public ReadOnlyObjectProperty<Path> writtenReportProperty() {
        return writtenReport.getReadOnlyProperty();
    }

    public BooleanBinding canWriteProperty() {
        return canWrite;
    }
}
