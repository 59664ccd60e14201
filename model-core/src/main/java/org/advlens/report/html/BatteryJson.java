package org.advlens.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes a battery as JSON. A file names a {@code preset} to start from (default {@code quick}) and
 * overrides any field of {@link BatterySpec} by its name, for example
 * {@code {"preset": "standard", "images": 500, "attacks": ["pgd"], "certifyImages": 0}}. Unknown fields are an
 * error, so a typo does not silently run the preset.
 */
public final class BatteryJson {

    private static final Set<String> FIELDS = Set.of("preset", "name", "images", "attacks", "epsilons", "steps",
            "restarts", "standardEpsilon", "autoAttackImages", "minNormAttack", "minNormImages", "calibration",
            "corruptions", "severities", "oodSets", "certifyImages", "certifySigma", "certifySamples", "exampleImages",
            "saliencyMethod", "seed", "batchSize");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatteryJson() {
    }

    /** Reads a battery file; the message names the file and what is wrong. */
    public static BatterySpec read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("battery file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses battery JSON text. */
    public static BatterySpec fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a battery must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "': expected some of " + FIELDS);
            }
        }
        BatterySpec base = BatteryPresets.byName(root.path("preset").asText("quick"));
        return new BatterySpec(root.path("name").asText(root.has("preset") || root.size() == 0 ? base.name() : "custom"),
                integer(root, "images", base.images()), strings(root, "attacks", base.attacks()),
                doubles(root, "epsilons", base.epsilons()), integer(root, "steps", base.steps()),
                integer(root, "restarts", base.restarts()), number(root, "standardEpsilon", base.standardEpsilon()),
                integer(root, "autoAttackImages", base.autoAttackImages()),
                text(root, "minNormAttack", base.minNormAttack()), integer(root, "minNormImages", base.minNormImages()),
                bool(root, "calibration", base.calibration()), strings(root, "corruptions", base.corruptions()),
                ints(root, "severities", base.severities()),
                strings(root, "oodSets", base.oodSets()), integer(root, "certifyImages", base.certifyImages()),
                number(root, "certifySigma", base.certifySigma()), integer(root, "certifySamples", base.certifySamples()),
                integer(root, "exampleImages", base.exampleImages()), text(root, "saliencyMethod", base.saliencyMethod()),
                root.has("seed") ? root.get("seed").asLong() : base.seed(), integer(root, "batchSize", base.batchSize()));
    }

    /** The battery as indented JSON text, every field written, readable by {@link #fromJson(String)}. */
    public static String toJson(BatterySpec s) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a battery as JSON", e);
        }
    }

    /** The battery as JSON, every field written, readable by {@link #fromJson(String)}. */
    public static ObjectNode toTree(BatterySpec s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", s.name());
        o.put("images", s.images());
        s.attacks().forEach(o.putArray("attacks")::add);
        ArrayNode eps = o.putArray("epsilons");
        for (double e : s.epsilons()) {
            eps.add(e);
        }
        o.put("steps", s.steps());
        o.put("restarts", s.restarts());
        o.put("standardEpsilon", s.standardEpsilon());
        o.put("autoAttackImages", s.autoAttackImages());
        o.put("minNormAttack", s.minNormAttack());
        o.put("minNormImages", s.minNormImages());
        o.put("calibration", s.calibration());
        s.corruptions().forEach(o.putArray("corruptions")::add);
        ArrayNode sev = o.putArray("severities");
        for (int v : s.severities()) {
            sev.add(v);
        }
        s.oodSets().forEach(o.putArray("oodSets")::add);
        o.put("certifyImages", s.certifyImages());
        o.put("certifySigma", s.certifySigma());
        o.put("certifySamples", s.certifySamples());
        o.put("exampleImages", s.exampleImages());
        o.put("saliencyMethod", s.saliencyMethod());
        o.put("seed", s.seed());
        o.put("batchSize", s.batchSize());
        return o;
    }

    private static int integer(JsonNode root, String field, int fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode v = root.get(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, got " + v);
        }
        return v.asInt();
    }

    private static double number(JsonNode root, String field, double fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode v = root.get(field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode root, String field, boolean fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode v = root.get(field);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static String text(JsonNode root, String field, String fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode v = root.get(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode root, String field, List<String> fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(root, field)) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("'" + field + "' must hold strings, got " + v);
            }
            out.add(v.asText());
        }
        return out;
    }

    private static double[] doubles(JsonNode root, String field, double[] fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode a = array(root, field);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException("'" + field + "' must hold numbers, got " + a.get(i));
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode root, String field, int[] fallback) {
        if (!root.has(field)) {
            return fallback;
        }
        JsonNode a = array(root, field);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException("'" + field + "' must hold whole numbers, got " + a.get(i));
            }
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (!v.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array, got " + v);
        }
        return v;
    }
}
