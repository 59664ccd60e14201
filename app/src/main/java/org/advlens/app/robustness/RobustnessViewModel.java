package org.advlens.app.robustness;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.JobRunner;

/**
 * The robustness view's state: the data all four evaluations share, the chosen evaluation, and one view model per
 * evaluation. Run and export act on the chosen one.
 */
public final class RobustnessViewModel {

    private final DataSelection data = new DataSelection();
    private final ObjectProperty<Evaluation> evaluation = new SimpleObjectProperty<>(this, "evaluation",
            Evaluation.CERTIFICATION);
    private final CertificationViewModel certification;
    private final CorruptionViewModel corruptions;
    private final OodViewModel ood;
    private final CalibrationViewModel calibration;
    private final BooleanBinding canExport;

    public RobustnessViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        certification = new CertificationViewModel(workspace, data, jobs, notices);
        corruptions = new CorruptionViewModel(workspace, data, jobs, notices);
        ood = new OodViewModel(workspace, data, jobs, notices);
        calibration = new CalibrationViewModel(workspace, data, jobs, notices);
        canExport = Bindings.createBooleanBinding(() -> switch (evaluation.get()) {
            case CERTIFICATION -> certification.run().resultProperty().get() != null;
            case CORRUPTIONS -> corruptions.run().resultProperty().get() != null;
            case OOD -> ood.run().resultProperty().get() != null;
            case CALIBRATION -> calibration.run().resultProperty().get() != null;
        }, evaluation, certification.run().resultProperty(), corruptions.run().resultProperty(),
                ood.run().resultProperty(), calibration.run().resultProperty());
    }

    /** Runs the chosen evaluation (Ctrl+R). */
    public void runCurrent() {
        switch (evaluation.get()) {
            case CERTIFICATION -> certification.runCertification();
            case CORRUPTIONS -> corruptions.runCorruptions();
            case OOD -> ood.runOod();
            case CALIBRATION -> calibration.runCalibration();
        }
    }

    /** Exports the chosen evaluation's result: JSON, or the chart for a {@code .png} file. */
    public void export(Path file) {
        switch (evaluation.get()) {
            case CERTIFICATION -> certification.export(file);
            case CORRUPTIONS -> corruptions.export(file);
            case OOD -> ood.export(file);
            case CALIBRATION -> calibration.export(file);
        }
    }

    /** Cancels whatever evaluation of this view runs. */
    public void cancel() {
        certification.cancel();
        corruptions.cancel();
        ood.cancel();
        calibration.cancel();
    }

    public DataSelection data() {
        return data;
    }

    public ObjectProperty<Evaluation> evaluationProperty() {
        return evaluation;
    }

    public CertificationViewModel certification() {
        return certification;
    }

    public CorruptionViewModel corruptions() {
        return corruptions;
    }

    public OodViewModel ood() {
        return ood;
    }

    public CalibrationViewModel calibration() {
        return calibration;
    }

    /** Whether the chosen evaluation has a result to export. */
    public BooleanBinding canExportProperty() {
        return canExport;
    }
}
