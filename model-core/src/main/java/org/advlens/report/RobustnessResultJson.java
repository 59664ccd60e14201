package org.advlens.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.advlens.eval.calibration.CalibrationReport;
import org.advlens.eval.calibration.ReliabilityBin;
import org.advlens.eval.calibration.SelectiveClassification;
import org.advlens.eval.ood.DetectionMetrics;
import org.advlens.eval.ood.OodEvaluation;

/**
 * The JSON of the OOD and calibration results, one writer for {@code advlens ood}, {@code advlens calibration}
 * and the Robustness page's export, so that their files cannot drift apart (formats in {@code docs/ood.md} and
 * {@code docs/calibration.md}).
 */
public final class RobustnessResultJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RobustnessResultJson() {
    }

    /** One entry per score and OOD set: the metrics, the ROC corners and the score histograms. */
    public static ArrayNode oodResults(List<OodEvaluation.Entry> entries) {
        ArrayNode results = NODES.arrayNode();
        for (OodEvaluation.Entry e : entries) {
            ObjectNode o = results.addObject();
            o.put("score", e.score().id());
            o.put("ood_set", e.set());
            DetectionMetrics m = e.metrics();
            o.put("auroc", m.auroc());
            o.put("aupr_in", m.auprIn());
            o.put("aupr_out", m.auprOut());
            o.put("fpr_at_95_tpr", m.fprAt95Tpr());
            ArrayNode roc = o.putArray("roc");
            for (DetectionMetrics.RocPoint p : m.rocCorners()) {
                roc.addArray().add(p.fpr()).add(p.tpr());
            }
            ObjectNode h = o.putObject("histogram");
            ArrayNode edges = h.putArray("edges");
            for (double v : e.histogram().edges()) {
                edges.add(v);
            }
            ArrayNode in = h.putArray("in");
            for (int v : e.histogram().inCounts()) {
                in.add(v);
            }
            ArrayNode out = h.putArray("out");
            for (int v : e.histogram().outCounts()) {
                out.add(v);
            }
        }
        return results;
    }

    /** A calibration report: the measures and both reliability diagrams. */
    public static ObjectNode calibrationReport(CalibrationReport c) {
        ObjectNode o = NODES.objectNode();
        o.put("temperature", c.temperature());
        o.put("count", c.count());
        o.put("accuracy", c.accuracy());
        o.put("ece", c.ece());
        o.put("ece_equal_mass", c.eceEqualMass());
        o.put("mce", c.mce());
        o.put("nll", c.nll());
        o.put("brier", c.brier());
        o.set("reliability", bins(c.bins()));
        o.set("reliability_equal_mass", bins(c.equalMassBins()));
        return o;
    }

    /** A risk-coverage result: AURC, the coverage at the target risk and the curve. */
    public static ObjectNode selective(SelectiveClassification s) {
        ObjectNode o = NODES.objectNode();
        o.put("aurc", s.aurc());
        o.put("e_aurc", s.eAurc());
        o.put("target_risk", s.targetRisk());
        o.put("coverage_at_risk", s.coverageAtRisk());
        if (Double.isInfinite(s.thresholdAtRisk())) {
            o.putNull("threshold_at_risk");
        } else {
            o.put("threshold_at_risk", s.thresholdAtRisk());
        }
        ArrayNode curve = o.putArray("curve");
        for (SelectiveClassification.Point p : s.curve()) {
            curve.addArray().add(p.coverage()).add(p.risk()).add(p.threshold());
        }
        return o;
    }

    private static ArrayNode bins(List<ReliabilityBin> bins) {
        ArrayNode a = NODES.arrayNode();
        for (ReliabilityBin b : bins) {
            ObjectNode o = a.addObject();
            o.put("lower", b.lower());
            o.put("upper", b.upper());
            o.put("count", b.count());
            if (b.count() > 0) {
                o.put("confidence", b.confidence());
                o.put("accuracy", b.accuracy());
            } else {
                o.putNull("confidence");
                o.putNull("accuracy");
            }
        }
        return a;
    }
}
