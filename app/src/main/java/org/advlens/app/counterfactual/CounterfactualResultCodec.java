package org.advlens.app.counterfactual;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.advlens.app.common.ImageItem;
import org.advlens.app.session.ResultCodec;
import org.advlens.app.session.ResultJson;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PathPoint;
import org.advlens.counterfactual.Plausibility;
import org.advlens.model.ModelInfo;

/**
 * Keeps the counterfactual view's result for the session: per method its display name, parameters, the
 * counterfactual with its search path, and the plausibility measures.
 */
public final class CounterfactualResultCodec implements ResultCodec<CounterfactualResult> {

    @Override
    public ImageItem image(CounterfactualResult r) {
        return r.image();
    }

    @Override
    public ModelInfo model(CounterfactualResult r) {
        return r.model();
    }

    @Override
    public void write(CounterfactualResult r, ObjectNode o) {
        ArrayNode items = o.putArray("items");
        for (CounterfactualResult.Item item : r.items()) {
            ObjectNode n = items.addObject();
            n.put("display_name", item.displayName());
            ResultJson.putParameters(n, "parameters", item.parameters());
            writeCounterfactual(item.counterfactual(), n.putObject("counterfactual"));
            Plausibility p = item.plausibility();
            ObjectNode pn = n.putObject("plausibility");
            ResultJson.putNumber(pn, "l1", p.l1());
            ResultJson.putNumber(pn, "l2", p.l2());
            pn.put("changed_pixels", p.changedPixels());
            ResultJson.putNumber(pn, "reconstruction_error", p.reconstructionError());
            ResultJson.putNumber(pn, "original_reconstruction_error", p.originalReconstructionError());
            ResultJson.putNumber(pn, "nearest_target_distance", p.nearestTargetDistance());
        }
    }

    private static void writeCounterfactual(Counterfactual c, ObjectNode n) {
        n.put("method", c.method());
        ResultJson.putImages(n, "original", c.original());
        ResultJson.putImages(n, "counterfactual", c.counterfactual());
        n.put("original_class", c.originalClass());
        n.put("target_class", c.targetClass());
        n.put("predicted_class", c.predictedClass());
        n.put("success", c.success());
        n.put("reached_confidence", c.reachedConfidence());
        ResultJson.putFloats(n, "original_probabilities", c.originalProbabilities());
        ResultJson.putFloats(n, "probabilities", c.probabilities());
        n.put("steps", c.steps());
        ArrayNode path = n.putArray("path");
        for (PathPoint p : c.path()) {
            ObjectNode pn = path.addObject();
            pn.put("step", p.step());
            ResultJson.putImages(pn, "image", p.image());
            ResultJson.putFloats(pn, "probabilities", p.probabilities());
        }
    }

    @Override
    public CounterfactualResult read(JsonNode o, ImageItem image, ModelInfo model) {
        List<CounterfactualResult.Item> items = new ArrayList<>();
        for (JsonNode n : ResultJson.field(o, "items")) {
            JsonNode pn = ResultJson.field(n, "plausibility");
            Plausibility p = new Plausibility(ResultJson.number(pn, "l1"), ResultJson.number(pn, "l2"),
                    ResultJson.field(pn, "changed_pixels").asInt(), ResultJson.number(pn, "reconstruction_error"),
                    ResultJson.number(pn, "original_reconstruction_error"),
                    ResultJson.number(pn, "nearest_target_distance"));
            items.add(new CounterfactualResult.Item(ResultJson.field(n, "display_name").asText(),
                    ResultJson.parameters(n, "parameters"), readCounterfactual(ResultJson.field(n, "counterfactual")),
                    p));
        }
        return new CounterfactualResult(image, model, items);
    }

    private static Counterfactual readCounterfactual(JsonNode n) {
        List<PathPoint> path = new ArrayList<>();
        for (JsonNode pn : ResultJson.field(n, "path")) {
            path.add(new PathPoint(ResultJson.field(pn, "step").asInt(), ResultJson.images(pn, "image"),
                    ResultJson.floats(pn, "probabilities")));
        }
        return new Counterfactual(ResultJson.field(n, "method").asText(), ResultJson.images(n, "original"),
                ResultJson.images(n, "counterfactual"), ResultJson.field(n, "original_class").asInt(),
                ResultJson.field(n, "target_class").asInt(), ResultJson.field(n, "predicted_class").asInt(),
                ResultJson.field(n, "success").asBoolean(), ResultJson.field(n, "reached_confidence").asBoolean(),
                ResultJson.floats(n, "original_probabilities"), ResultJson.floats(n, "probabilities"),
                ResultJson.field(n, "steps").asInt(), path);
    }
}
