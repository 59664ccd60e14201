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
    private final BooleanBinding canExport;

    public RobustnessViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        certification = new CertificationViewModel(workspace, data, jobs, notices);
        canExport = Bindings.createBooleanBinding(() -> switch (evaluation.get()) {
            case CERTIFICATION -> certification.run().resultProperty().get() != null;
            default -> false;
        }, evaluation, certification.run().resultProperty());
    }

    /** Runs the chosen evaluation (Ctrl+R). */
    public void runCurrent() {
        switch (evaluation.get()) {
            case CERTIFICATION -> certification.runCertification();
            default -> { }
        }
    }

    /** Exports the chosen evaluation's result: JSON, or the chart for a {@code .png} file. */
    public void export(Path file) {
        switch (evaluation.get()) {
            case CERTIFICATION -> certification.export(file);
            default -> { }
        }
    }

    /** Cancels whatever evaluation of this view runs. */
    public void cancel() {
        certification.cancel();
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

    /** Whether the chosen evaluation has a result to export. */
    public BooleanBinding canExportProperty() {
        return canExport;
    }
}
