package org.advlens.app.robustness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.advlens.eval.Certification;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.io.AtomicFiles;
import org.advlens.model.ModelInfo;
import org.advlens.report.CorruptionJson;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;
import org.advlens.report.RobustnessResultJson;

/**
 * The robustness results as JSON, in the layout the matching {@code advlens} commands print (docs/certification.md,
 * docs/corruptions.md, docs/ood.md, docs/calibration.md), each with the model, the data and the provenance.
 */
final class RobustnessJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RobustnessJson() {
    }

    static ObjectNode certification(Finished<Certification.Result> f, double[] radii) {
        Certification.Result r = f.result();
        ObjectNode root = header(f);
        ObjectNode o = root.putObject("smoothing");
        o.put("sigma", r.options().sigma());
        o.put("n0", r.options().n0());
        o.put("n", r.options().n());
        o.put("alpha", r.options().alpha());
        o.put("batch", r.options().batchSize());
        o.put("seed", r.seed());
        o.put("noise", "Gaussian in pixel space, not clipped (Cohen et al. 2019)");
        ArrayNode curve = root.putArray("certified_accuracy");
        for (double radius : radii) {
            curve.addObject().put("radius", radius).put("accuracy", r.certifiedAccuracy(radius));
        }
        root.put("abstain_rate", r.abstainRate());
        root.put("smoothed_accuracy", r.certifiedAccuracy(0));
        ArrayNode images = root.putArray("images");
        for (Certification.Entry e : r.entries()) {
            images.addObject().put("index", e.index()).put("label", e.label())
                    .put("prediction", e.certificate().prediction()).put("pA_lower", e.certificate().pALower())
                    .put("radius", e.certificate().radius()).put("seconds", e.seconds());
        }
        return footer(root, f);
    }

    static ObjectNode corruptions(CorruptionEvaluation.Result r, Finished<?> f) {
        ObjectNode root = CorruptionJson.write(r);
        root.set("model", model(f.model()));
        root.set("data", data(f));
        return footer(root, f);
    }

    static ObjectNode ood(OodEvaluation.Result r, Finished<?> f, List<String> sources, long seed) {
        ObjectNode root = header(f);
        root.put("format_version", 1);
        root.put("in_accuracy", r.inAccuracy());
        ObjectNode s = root.putObject("settings");
        ArrayNode names = s.putArray("scores");
        r.options().scores().forEach(o -> names.add(o.id()));
        s.put("energy_temperature", r.options().energyTemperature());
        s.put("odin_temperature", r.options().odin().temperature());
        s.put("odin_epsilon", r.options().odin().epsilon());
        if (r.featureLayer() != null) {
            s.putObject("mahalanobis").put("layer", r.featureLayer()).put("ridge", r.options().ridge())
                    .put("fit_count", r.fitCount());
        }
        s.put("histogram_bins", r.options().histogramBins());
        s.put("seed", seed);
        ArrayNode sets = root.putArray("ood_sets");
        int i = 0;
        for (var e : r.sets().entrySet()) {
            sets.addObject().put("name", e.getKey()).put("source", i < sources.size() ? sources.get(i) : "")
                    .put("size", e.getValue());
            i++;
        }
        root.set("results", RobustnessResultJson.oodResults(r.entries()));
        return footer(root, f);
    }

    static ObjectNode calibration(Finished<CalibrationEvaluation.Result> f) {
        CalibrationEvaluation.Result r = f.result();
        ObjectNode root = header(f);
        root.put("format_version", 1);
        ObjectNode s = root.putObject("settings");
        s.put("bins", r.options().bins());
        s.put("calibration_fraction", r.options().calibrationFraction());
        s.put("target_risk", r.options().targetRisk());
        s.put("seed", r.options().seed());
        ObjectNode t = root.putObject("temperature_scaling");
        t.put("temperature", r.fit().temperature());
        t.put("fit_count", r.fit().count());
        t.put("fit_nll_before", r.fit().nllBefore());
        t.put("fit_nll_after", r.fit().nllAfter());
        root.set("before", RobustnessResultJson.calibrationReport(r.before()));
        root.set("after", RobustnessResultJson.calibrationReport(r.after()));
        ObjectNode sel = root.putObject("selective");
        sel.set("msp", RobustnessResultJson.selective(r.selectiveBefore()));
        sel.set("msp_temperature_scaled", RobustnessResultJson.selective(r.selectiveAfter()));
        return footer(root, f);
    }

    static void write(ObjectNode root, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, MAPPER.writeValueAsString(root));
    }

    private static ObjectNode header(Finished<?> f) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("model", model(f.model()));
        root.set("data", data(f));
        return root;
    }

    private static ObjectNode footer(ObjectNode root, Finished<?> f) {
        root.put("seconds", f.seconds());
        root.set(ProvenanceJson.PROVENANCE, ProvenanceJson.provenance(Provenance.at(f.created())));
        return root;
    }

    private static ObjectNode model(ModelInfo m) {
        return ProvenanceJson.model(m);
    }

    private static ObjectNode data(Finished<?> f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", f.dataName());
        o.put("source", f.dataSource());
        o.put("size", f.size());
        return o;
    }
}
