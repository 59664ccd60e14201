package org.advlens.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.PerturbationEvaluation;

/**
 * The JSON of a corruption evaluation ({@code docs/corruptions.md}, "JSON format"): the settings, the clean error,
 * the error per corruption and severity with CE and relative CE, the means, and optionally the perturbation
 * sequences' flip probabilities. Undefined ratios are {@code null}.
 */
public final class CorruptionJson {

    /** The format's name and version, written as {@code "format"}. */
    public static final String FORMAT = "advlens-corruptions/1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CorruptionJson() {
    }

    /** The evaluation's fields; callers add the model, data and provenance. */
    public static ObjectNode write(CorruptionEvaluation.Result r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode s = root.putObject("settings");
        s.put("seed", r.options().seed());
        ArrayNode sev = s.putArray("severities");
        for (int v : r.options().severities()) {
            sev.add(v);
        }
        s.put("spatial_scale", r.spatialScale());
        s.put("batch", r.options().batchSize());
        s.put("images", r.images());
        s.put("reference", "bethgelab/imagecorruptions corruptions.py constants; Hendrycks and Dietterich (ICLR 2019)");
        s.put("baseline", r.hasBaselineModel() ? "model" : "self at severity 0");
        root.put("clean_error", r.cleanError());
        root.put("baseline_clean_error", r.baselineCleanError());
        number(root, "mce", r.meanCorruptionError());
        number(root, "relative_mce", r.relativeMeanCorruptionError());
        number(root, "mce_extra", r.extraMeanCorruptionError());
        number(root, "relative_mce_extra", r.extraRelativeMeanCorruptionError());
        number(root, "mean_error", r.meanError());
        ArrayNode rows = root.putArray("corruptions");
        for (CorruptionEvaluation.Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("name", row.corruption().id());
            o.put("category", row.corruption().category().name().toLowerCase(Locale.ROOT));
            o.put("benchmark", row.corruption().benchmark());
            ArrayNode e = o.putArray("errors");
            for (double v : row.errors()) {
                e.add(v);
            }
            ArrayNode b = o.putArray("baseline_errors");
            for (double v : row.baselineErrors()) {
                b.add(v);
            }
            o.put("mean_error", row.meanError());
            number(o, "ce", row.corruptionError());
            number(o, "relative_ce", row.relativeCorruptionError());
        }
        root.put("corrupt_seconds", round(r.corruptSeconds()));
        root.put("classify_seconds", round(r.classifySeconds()));
        return root;
    }

    /** The {@code "execution"} block a distributed run adds: the cluster, the partitions and the seed. */
    public static ObjectNode execution(Execution e) {
        return ReportJson.execution(e);
    }

    /** The perturbation sequences' part, {@code "perturbations"}. */
    public static ObjectNode write(PerturbationEvaluation.Result r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("frames", r.options().frames());
        o.put("seed", r.options().seed());
        o.put("images", r.images());
        number(o, "mean_flip_probability", r.meanFlipProbability());
        number(o, "mean_flip_rate", r.meanFlipRate());
        ArrayNode seq = o.putArray("sequences");
        for (PerturbationEvaluation.Row row : r.rows()) {
            ObjectNode p = seq.addObject();
            p.put("name", row.perturbation().id());
            p.put("compared_with", row.perturbation().comparesToFirst() ? "first frame" : "previous frame");
            p.put("flip_probability", row.flipProbability());
            number(p, "baseline_flip_probability", row.baselineFlipProbability());
            number(p, "flip_rate", row.flipRate());
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
