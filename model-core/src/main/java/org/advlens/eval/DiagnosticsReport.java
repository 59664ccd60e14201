package org.advlens.eval;

import java.time.Instant;
import java.util.List;
import org.advlens.attack.Norm;
import org.advlens.model.ModelInfo;

/**
 * The answer to "is this robustness evaluation trustworthy?": the checks of {@link EvaluationDiagnostics} with
 * the curves they were computed from.
 *
 * @param model the classifier evaluated
 * @param dataName the data set's name
 * @param size number of examples
 * @param norm the threat model's norm
 * @param checks one entry per check, in a fixed order
 * @param curve the robustness curves (FGSM, PGD, Square at the checked budgets) behind the checks
 * @param created when the report was made
 */
public record DiagnosticsReport(ModelInfo model, String dataName, int size, Norm norm, List<DiagnosticCheck> checks,
                                CurveResult curve, Instant created) {

    public DiagnosticsReport {
        checks = List.copyOf(checks);
    }

    public List<DiagnosticCheck> warnings() {
        return checks.stream().filter(c -> c.status() == DiagnosticCheck.Status.WARN).toList();
    }

    /** Whether every check passed. */
    public boolean trustworthy() {
        return warnings().isEmpty();
    }
}
