package org.advlens.report.html;

import java.util.List;
import org.advlens.eval.Certification;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.CurveResult;
import org.advlens.eval.MinimumNormResult;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;

/**
 * The results of one battery on one model: every section's result as the individual evaluation returns it, so the
 * report's numbers are those of the commands that run each evaluation alone. A section that was not run is
 * {@code null}.
 *
 * @param spec the battery
 * @param model the model card: name, file hash, format, input description, parameters
 * @param dataName the data set's name
 * @param dataSource where the data came from
 * @param dataSize how many images the data set held before the sections' limits
 * @param curves clean accuracy, robustness curves and gradient-masking flags
 * @param ensemble the AutoAttack-style ensemble at the standard epsilon, or {@code null}
 * @param minNorm minimum-norm distances, or {@code null}
 * @param calibration calibration, or {@code null}
 * @param corruptions common corruptions, or {@code null}
 * @param ood out-of-distribution detection, or {@code null}
 * @param certification randomized-smoothing certificates, or {@code null}
 * @param examples adversarial examples and saliency maps
 * @param timings estimated and measured time per section
 * @param commands the commands that reproduce each section alone, section name first
 * @param provenance version, time, Java and operating system
 */
public record RobustnessReport(BatterySpec spec, ModelInfo model, String dataName, String dataSource, int dataSize,
                               CurveResult curves, CurveResult ensemble, MinimumNormResult minNorm,
                               CalibrationEvaluation.Result calibration, CorruptionEvaluation.Result corruptions,
                               OodEvaluation.Result ood, Certification.Result certification,
                               List<ExamplePicture> examples, List<SectionTime> timings, List<List<String>> commands,
                               Provenance provenance) {

    public RobustnessReport {
        if (spec == null || model == null || curves == null || provenance == null) {
            throw new IllegalArgumentException("a report needs its battery, model card, curves and provenance");
        }
        examples = List.copyOf(examples);
        timings = List.copyOf(timings);
        commands = commands.stream().map(List::copyOf).toList();
    }

    /** Robust accuracy under the ensemble at the standard epsilon, or {@code NaN} when it was not run. */
    public double ensembleAccuracy() {
        return ensemble == null ? Double.NaN : ensemble.curves().get(0).points().get(1).accuracy();
    }

    /** Total measured seconds over all sections. */
    public double seconds() {
        return timings.stream().mapToDouble(SectionTime::seconds).filter(Double::isFinite).sum();
    }
}
