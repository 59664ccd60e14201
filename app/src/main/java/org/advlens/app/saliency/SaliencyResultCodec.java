package org.advlens.app.saliency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.advlens.app.common.ImageItem;
import org.advlens.app.session.ResultCodec;
import org.advlens.app.session.ResultJson;
import org.advlens.model.ModelInfo;
import org.advlens.saliency.SaliencyMap;

/**
 * Keeps the saliency view's maps for the session: the target, the prediction, and per method its display name,
 * parameters, time and map (values, shape, targets, sign, completeness).
 */
public final class SaliencyResultCodec implements ResultCodec<SaliencyResult> {

    @Override
    public ImageItem image(SaliencyResult r) {
        return r.image();
    }

    @Override
    public ModelInfo model(SaliencyResult r) {
        return r.model();
    }

    @Override
    public void write(SaliencyResult r, ObjectNode o) {
        o.put("target", r.target());
        o.put("target_kind", r.targetKind());
        ResultJson.putPrediction(o, "prediction", r.prediction());
        ArrayNode skipped = o.putArray("skipped");
        r.skipped().forEach(skipped::add);
        ArrayNode maps = o.putArray("maps");
        for (SaliencyResult.Entry e : r.maps()) {
            ObjectNode n = maps.addObject();
            n.put("display_name", e.displayName());
            ResultJson.putParameters(n, "parameters", e.parameters());
            ResultJson.putNumber(n, "seconds", e.seconds());
            SaliencyMap m = e.map();
            n.put("method", m.method());
            ResultJson.putInts(n, "shape", new int[] {m.count(), m.channels(), m.height(), m.width()});
            ResultJson.putFloats(n, "values", m.values());
            ResultJson.putInts(n, "targets", m.targets());
            n.put("signed", m.signed());
            ResultJson.putDoubles(n, "completeness_delta", m.completenessDelta());
        }
    }

    @Override
    public SaliencyResult read(JsonNode o, ImageItem image, ModelInfo model) {
        List<SaliencyResult.Entry> maps = new ArrayList<>();
        for (JsonNode n : ResultJson.field(o, "maps")) {
            int[] shape = ResultJson.ints(n, "shape");
            if (shape.length != 4) {
                throw new IllegalArgumentException("a map needs an NCHW shape, got " + shape.length + " numbers");
            }
            SaliencyMap m = new SaliencyMap(ResultJson.field(n, "method").asText(), ResultJson.floats(n, "values"),
                    shape[0], shape[1], shape[2], shape[3], ResultJson.ints(n, "targets"),
                    ResultJson.field(n, "signed").asBoolean(), ResultJson.doubles(n, "completeness_delta"));
            maps.add(new SaliencyResult.Entry(ResultJson.field(n, "display_name").asText(),
                    ResultJson.parameters(n, "parameters"), m, ResultJson.number(n, "seconds")));
        }
        List<String> skipped = new ArrayList<>();
        ResultJson.field(o, "skipped").forEach(s -> skipped.add(s.asText()));
        return new SaliencyResult(image, model, ResultJson.field(o, "target").asInt(),
                ResultJson.field(o, "target_kind").asText(), ResultJson.prediction(o, "prediction"), maps, skipped);
    }
}
