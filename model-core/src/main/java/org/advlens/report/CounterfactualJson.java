package org.advlens.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.PathPoint;
import org.advlens.counterfactual.Plausibility;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;

/** The JSON form of counterfactuals and their measures, with provenance. */
public final class CounterfactualJson {

    /** Shared mapper, indented output. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CounterfactualJson() {
    }

    /** One counterfactual: classes, probabilities, steps, measures and the path's target probabilities. */
    public static ObjectNode counterfactual(Counterfactual c, Plausibility p, List<String> classNames, String source) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("image", source);
        o.put("method", c.method());
        o.put("original_class", c.originalClass());
        o.put("original_class_name", classNames.get(c.originalClass()));
        o.put("target_class", c.targetClass());
        o.put("target_class_name", classNames.get(c.targetClass()));
        o.put("predicted_class", c.predictedClass());
        o.put("success", c.success());
        o.put("reached_confidence", c.reachedConfidence());
        o.put("original_target_probability", c.originalProbabilities()[c.targetClass()]);
        o.put("target_probability", c.targetProbability());
        o.put("steps", c.steps());
        ObjectNode m = o.putObject("measures");
        m.put("l1", p.l1());
        m.put("l2", p.l2());
        m.put("changed_pixels", p.changedPixels());
        putNumber(m, "reconstruction_error", p.reconstructionError());
        putNumber(m, "original_reconstruction_error", p.originalReconstructionError());
        putNumber(m, "nearest_target_example_l2", p.nearestTargetDistance());
        ArrayNode path = o.putArray("path");
        for (PathPoint pt : c.path()) {
            ObjectNode q = path.addObject();
            q.put("step", pt.step());
            q.put("target_probability", pt.probability(c.targetClass()));
            ArrayNode probs = q.putArray("probabilities");
            for (float v : pt.probabilities()) {
                probs.add(v);
            }
        }
        return o;
    }

    /** The header of a report: model, method settings, provenance. */
    public static ObjectNode header(ModelInfo model, CounterfactualMethod method) {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("model", ReportJson.model(model));
        o.put("method", method.name());
        o.put("method_display_name", method.displayName());
        o.set("parameters", MAPPER.valueToTree(method.parameters()));
        o.set("provenance", ReportJson.provenance(Provenance.now()));
        return o;
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
