package org.advlens.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.eval.Prediction;
import org.advlens.io.AtomicFiles;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;

/**
 * Writes one attack result as {@code attack.json}: the attack and its parameters, the label, the predictions
 * before and after with their probabilities, the perturbation's norms, the engine-verified success, the
 * perturbation image's amplification factor, the attack's own options (under {@code attack.options}, when it has
 * any), for a minimum-norm attack the verified minimal distance (its {@code
 * eps} is then the box's diameter, the budget it ran under), and the model's and the run's provenance.
 */
public final class AttackJson {

    private AttackJson() {
    }

    public static String toJson(AttackRecord r) {
        return toJson(r, Provenance.at(r.created()));
    }

    public static String toJson(AttackRecord r, Provenance provenance) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        ObjectNode attack = root.putObject("attack");
        attack.put("name", r.attack());
        attack.set("params", ReportJson.params(r.params()));
        if (!r.options().isEmpty()) {
            attack.set("options", ReportJson.options(r.options()));
        }
        attack.put("eps", r.epsilon());
        if (r.minimumNorm()) {
            ObjectNode minimal = attack.putObject("minimal_distance");
            minimal.put("measure", r.distanceMeasure());
            ReportJson.putNumberOrNull(minimal, "value", r.minimalDistance());
        }
        root.put("image", r.image());
        ObjectNode label = root.putObject("label");
        label.put("class", r.label());
        label.put("name", r.labelName());
        label.put("source", r.labelFromPrediction() ? "clean_prediction" : "given");
        root.set("before", prediction(r.model(), r.before()));
        root.set("after", prediction(r.model(), r.after()));
        root.put("success", r.success());
        ObjectNode norms = root.putObject("norms");
        norms.put("l0", r.l0());
        norms.put("l2", r.l2());
        norms.put("linf", r.linf());
        root.put("repaired_by_engine", r.repaired());
        ObjectNode perturbation = root.putObject("perturbation_image");
        ReportJson.putNumberOrNull(perturbation, "amplification", r.amplification());
        perturbation.put("zero", (r.model().input().lower() + r.model().input().upper()) / 2);
        root.set("model", ReportJson.model(r.model()));
        root.set("provenance", ReportJson.provenance(provenance));
        return ReportJson.toString(root);
    }

    /**
     * An attack's own options ({@code parameters()}) as {@code attack.json} writes them: keys in snake case
     * ({@code search-steps} becomes {@code search_steps}), numbers as numbers.
     */
    public static ObjectNode options(java.util.Map<String, Object> options) {
        return ReportJson.options(options);
    }

    /** Writes {@code attack.json} text to {@code file}, creating its folder if needed. */
    public static void write(AttackRecord r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, toJson(r));
    }

    private static ObjectNode prediction(ModelInfo model, Prediction p) {
        ObjectNode o = ReportJson.MAPPER.createObjectNode();
        o.put("class", p.predicted());
        o.put("name", model.classNames().get(p.predicted()));
        o.put("confidence", p.confidence());
        o.set("probabilities", ReportJson.floats(p.probabilities()));
        o.set("logits", ReportJson.floats(p.logits()));
        return o;
    }
}
