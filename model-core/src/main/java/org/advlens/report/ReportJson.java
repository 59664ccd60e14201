package org.advlens.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;

/**
 * The JSON pieces shared by the report formats: model, attack parameters and provenance, written and read
 * the same way everywhere. Reading rejects a missing or mistyped field with its JSON path in the message.
 */
final class ReportJson {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    static String toString(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static JsonNode parse(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ---- writing ----

    /** The common model block ({@link ProvenanceJson#model}). */
    static ObjectNode model(ModelInfo m) {
        return ProvenanceJson.model(m);
    }

    static ObjectNode params(AttackParams p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("norm", p.norm().label());
        o.put("steps", p.steps());
        putNumberOrNull(o, "relative_step_size", p.relativeStepSize());
        o.put("restarts", p.restarts());
        if (p.targeted()) {
            o.put("target_class", p.targetClass());
        } else {
            o.putNull("target_class");
        }
        o.put("seed", p.seed());
        return o;
    }

    /**
     * An attack's own options ({@code parameters()}), keyed as in JSON ({@code search-steps} becomes
     * {@code search_steps}); whole numbers stay whole.
     */
    static ObjectNode options(java.util.Map<String, Object> options) {
        ObjectNode o = MAPPER.createObjectNode();
        options.forEach((k, v) -> {
            String key = k.replace('-', '_');
            if (v instanceof Integer i) {
                o.put(key, i);
            } else if (v instanceof Long l) {
                o.put(key, l);
            } else if (v instanceof Number n) {
                putNumberOrNull(o, key, n.doubleValue());
            } else {
                o.put(key, String.valueOf(v));
            }
        });
        return o;
    }

    /** The common provenance block ({@link ProvenanceJson#provenance}). */
    static ObjectNode provenance(Provenance p) {
        return ProvenanceJson.provenance(p);
    }

    static ObjectNode execution(Execution e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("engine", e.engine());
        o.put("master", e.master());
        o.put("application_id", e.applicationId());
        o.put("executors", e.executors());
        o.put("batch_size", e.batchSize());
        ArrayNode parts = o.putArray("partitions");
        for (int[] p : e.partitions()) {
            parts.addArray().add(p[0]).add(p[1]);
        }
        ArrayNode seeds = o.putArray("seeds");
        e.seeds().forEach(seeds::add);
        return o;
    }

    static void putNumberOrNull(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    static void putDoubles(ObjectNode o, String field, double[] values) {
        if (values == null) {
            o.putNull(field);
            return;
        }
        ArrayNode a = o.putArray(field);
        for (double v : values) {
            a.add(v);
        }
    }

    static ArrayNode floats(float[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (float v : values) {
            a.add(v);
        }
        return a;
    }

    // ---- reading ----

    static ModelInfo readModel(JsonNode o, String path) {
        return ProvenanceJson.readModel(o, path).toModelInfo();
    }

    static AttackParams readParams(JsonNode o, String path) {
        requireObject(o, path);
        JsonNode step = o.get("relative_step_size");
        double rel = step == null || step.isNull() ? Double.NaN : number(o, "relative_step_size", path);
        JsonNode target = o.get("target_class");
        int t = target == null || target.isNull() ? AttackParams.UNTARGETED : integer(o, "target_class", path);
        return new AttackParams(Norm.parse(text(o, "norm", path)), integer(o, "steps", path), rel,
                integer(o, "restarts", path), t, longValue(o, "seed", path));
    }

    static Provenance readProvenance(JsonNode o, String path) {
        return ProvenanceJson.readProvenance(o, path);
    }

    static JsonNode requireObject(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(path + " is missing or not an object");
        }
        return n;
    }

    static JsonNode requireArray(JsonNode n, String path) {
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException(path + " is missing or not an array");
        }
        return n;
    }

    static String text(JsonNode o, String field, String path) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(path + "." + field + " is missing or not a string");
        }
        return n.asText();
    }

    static String optionalText(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    static double number(JsonNode o, String field, String path) {
        JsonNode n = o.get(field);
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(path + "." + field + " is missing or not a number");
        }
        return n.asDouble();
    }

    static int integer(JsonNode o, String field, String path) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(path + "." + field + " is missing or not an integer");
        }
        return n.asInt();
    }

    static long longValue(JsonNode o, String field, String path) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(path + "." + field + " is missing or not an integer");
        }
        return n.asLong();
    }

    static double[] doubles(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return null;
        }
        requireArray(n, path);
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new IllegalArgumentException(path + "[" + i + "] is not a number");
            }
            out[i] = n.get(i).asDouble();
        }
        return out;
    }
}
