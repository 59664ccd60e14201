package org.advlens.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;

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

    static ObjectNode model(ModelInfo m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", m.name());
        o.put("source", m.source());
        o.put("sha256", m.sha256());
        o.put("format", m.format().name());
        InputSpec in = m.input();
        ObjectNode i = o.putObject("input");
        i.put("channels", in.channels());
        i.put("height", in.height());
        i.put("width", in.width());
        i.put("layout", in.layout().name());
        i.putArray("bounds").add(in.lower()).add(in.upper());
        putDoubles(i, "mean", in.mean());
        putDoubles(i, "std", in.std());
        ArrayNode classes = o.putArray("classes");
        m.classNames().forEach(classes::add);
        return o;
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

    static ObjectNode provenance(Provenance p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("advlens_version", p.advlensVersion());
        o.put("created", p.created().toString());
        o.put("java", p.java());
        o.put("os", p.os());
        return o;
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
        requireObject(o, path);
        JsonNode in = requireObject(o.get("input"), path + ".input");
        double[] bounds = doubles(in.get("bounds"), path + ".input.bounds");
        if (bounds == null || bounds.length != 2) {
            throw new IllegalArgumentException(path + ".input.bounds must be [lower, upper]");
        }
        ChannelOrder layout;
        try {
            layout = ChannelOrder.valueOf(text(in, "layout", path + ".input").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ".input.layout must be NCHW or NHWC, got " + in.get("layout"));
        }
        InputSpec spec = new InputSpec(integer(in, "channels", path + ".input"), integer(in, "height", path + ".input"),
                integer(in, "width", path + ".input"), layout, bounds[0], bounds[1],
                doubles(in.get("mean"), path + ".input.mean"), doubles(in.get("std"), path + ".input.std"));
        ModelFormat format;
        try {
            format = ModelFormat.valueOf(text(o, "format", path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ".format must be one of " + List.of(ModelFormat.values())
                    + ", got " + o.get("format"));
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode c : requireArray(o.get("classes"), path + ".classes")) {
            classes.add(c.asText());
        }
        return new ModelInfo(text(o, "name", path), optionalText(o, "source"), optionalText(o, "sha256"), format,
                spec, classes, 0, List.of(), false);
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
        requireObject(o, path);
        Instant created;
        try {
            created = Instant.parse(text(o, "created", path));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ".created must be an ISO-8601 instant, got " + o.get("created"));
        }
        return new Provenance(text(o, "advlens_version", path), created, optionalText(o, "java"),
                optionalText(o, "os"));
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
