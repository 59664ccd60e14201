package org.advlens.app.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advlens.app.common.ImageItem;
import org.advlens.app.session.ResultCodec;
import org.advlens.app.session.ResultJson;
import org.advlens.model.ModelInfo;
import org.advlens.report.PerturbationImage;

/**
 * Keeps the attack view's last result for the session: the attack, its parameters and budget, the label, the
 * predictions before and after, the engine-verified outcome (adversarial image, norms, success), the amplified
 * perturbation, the heatmap and, for a minimum-norm attack, the minimal distance.
 */
public final class AttackResultCodec implements ResultCodec<AttackResult> {

    @Override
    public ImageItem image(AttackResult r) {
        return r.image();
    }

    @Override
    public ModelInfo model(AttackResult r) {
        return r.model();
    }

    @Override
    public void write(AttackResult r, ObjectNode o) {
        o.put("attack_display_name", r.attackDisplayName());
        o.put("label", r.label());
        o.put("label_from_prediction", r.labelFromPrediction());
        ResultJson.putPrediction(o, "before", r.before());
        ResultJson.putPrediction(o, "after", r.after());
        ResultJson.putOutcome(o, "outcome", r.outcome());
        ResultJson.putImages(o, "perturbation", r.amplified().image());
        ResultJson.putNumber(o, "amplification", r.amplified().amplification());
        ObjectNode heatmap = o.putObject("heatmap");
        heatmap.put("height", r.heatmap().height());
        heatmap.put("width", r.heatmap().width());
        ResultJson.putNumber(heatmap, "scale", r.heatmap().scale());
        ResultJson.putFloats(heatmap, "values", r.heatmap().values());
        ResultJson.putNumber(o, "minimal_distance", r.minimalDistance());
        o.put("distance_measure", r.distanceMeasure());
    }

    @Override
    public AttackResult read(JsonNode o, ImageItem image, ModelInfo model) {
        JsonNode h = ResultJson.field(o, "heatmap");
        Heatmap heatmap = new Heatmap(ResultJson.floats(h, "values"), ResultJson.field(h, "height").asInt(),
                ResultJson.field(h, "width").asInt(), ResultJson.number(h, "scale"));
        return new AttackResult(image, model, ResultJson.field(o, "attack_display_name").asText(),
                ResultJson.field(o, "label").asInt(), ResultJson.field(o, "label_from_prediction").asBoolean(),
                ResultJson.prediction(o, "before"), ResultJson.prediction(o, "after"), ResultJson.outcome(o, "outcome"),
                new PerturbationImage(ResultJson.images(o, "perturbation"), ResultJson.number(o, "amplification")),
                heatmap, ResultJson.number(o, "minimal_distance"), ResultJson.field(o, "distance_measure").asText());
    }
}
