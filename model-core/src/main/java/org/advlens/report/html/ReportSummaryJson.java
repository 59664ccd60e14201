package org.advlens.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.MinimumNormResult;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.provenance.ProvenanceJson;

/**
 * The report's figures as JSON ({@code report.json}): per model the model card's hash, every headline number of
 * each section, the section timings, the reproducing commands and the provenance, for scripts and for checking that
 * a section's numbers equal the matching command's.
 */
public final class ReportSummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportSummaryJson() {
    }

    /** The reports as indented JSON text. */
    public static String toJson(List<RobustnessReport> reports, String commandLine) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("command", commandLine);
        root.set("battery", BatteryJson.toTree(reports.get(0).spec()));
        ArrayNode models = root.putArray("models");
        reports.forEach(r -> models.add(model(r)));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private static ObjectNode model(RobustnessReport r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", r.model().name());
        o.put("parameters", r.model().parameterCount());
        o.set(ProvenanceJson.MODEL, ProvenanceJson.model(r.model()));
        o.put("data", r.dataName());
        o.put("clean_accuracy", r.curves().cleanAccuracy());
        ArrayNode curves = o.putArray("curves");
        for (AttackCurve c : r.curves().curves()) {
            ObjectNode a = curves.addObject();
            a.put("attack", c.attack());
            ArrayNode points = a.putArray("points");
            for (CurvePoint p : c.points()) {
                points.addObject().put("eps", p.epsilon()).put("accuracy", p.accuracy())
                        .put("success_rate", p.successRate());
            }
        }
        ArrayNode flags = o.putArray("flags");
        r.curves().flags().forEach(f -> flags.add(f.kind().name()));
        if (r.ensemble() != null) {
            o.putObject("ensemble").put("eps", r.spec().standardEpsilon()).put("images", r.ensemble().size())
                    .put("clean_accuracy", r.ensemble().cleanAccuracy()).put("accuracy", r.ensembleAccuracy());
        }
        MinimumNormResult m = r.minNorm();
        if (m != null) {
            ObjectNode n = o.putObject("min_norm");
            n.put("attack", m.attack());
            n.put("measure", m.measure().label());
            n.put("images", m.samples().size());
            n.put("success_rate", m.successRate());
            number(n, "mean_distance", m.meanDistance());
            number(n, "median_distance", m.medianDistance());
        }
        if (r.calibration() != null) {
            ObjectNode c = o.putObject("calibration");
            c.put("temperature", r.calibration().fit().temperature());
            c.put("ece_before", r.calibration().before().ece());
            c.put("ece_after", r.calibration().after().ece());
            c.put("nll_before", r.calibration().before().nll());
            c.put("nll_after", r.calibration().after().nll());
            c.put("coverage_at_risk", r.calibration().selectiveAfter().coverageAtRisk());
        }
        CorruptionEvaluation.Result cr = r.corruptions();
        if (cr != null) {
            ObjectNode c = o.putObject("corruptions");
            c.put("clean_error", cr.cleanError());
            c.put("mean_error", cr.meanError());
            number(c, "mce", cr.meanCorruptionError());
            ObjectNode rows = c.putObject("errors");
            for (CorruptionEvaluation.Row row : cr.rows()) {
                ArrayNode e = rows.putArray(row.corruption().id());
                for (double v : row.errors()) {
                    e.add(v);
                }
            }
        }
        if (r.ood() != null) {
            ArrayNode ood = o.putArray("ood");
            for (OodEvaluation.Entry e : r.ood().entries()) {
                ObjectNode x = ood.addObject().put("set", e.set()).put("score", e.score().id());
                number(x, "auroc", e.metrics().auroc());
                number(x, "fpr_at_95_tpr", e.metrics().fprAt95Tpr());
            }
        }
        if (r.certification() != null) {
            ObjectNode c = o.putObject("certification");
            c.put("sigma", r.certification().options().sigma());
            c.put("images", r.certification().entries().size());
            ObjectNode acc = c.putObject("certified_accuracy");
            for (double radius : ReportSections.RADII) {
                acc.put(Double.toString(radius), r.certification().certifiedAccuracy(radius));
            }
        }
        ArrayNode timings = o.putArray("timings");
        for (SectionTime t : r.timings()) {
            ObjectNode x = timings.addObject().put("section", t.section()).put("estimated_seconds",
                    t.estimatedSeconds());
            number(x, "seconds", t.seconds());
        }
        ArrayNode commands = o.putArray("commands");
        r.commands().forEach(c -> commands.addObject().put("section", c.get(0)).put("command", c.get(1)));
        o.set(ProvenanceJson.PROVENANCE, ProvenanceJson.provenance(r.provenance()));
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
