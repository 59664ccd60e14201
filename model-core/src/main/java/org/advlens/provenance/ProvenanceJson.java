package org.advlens.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelIdentity;
import org.advlens.model.ModelInfo;

/**
 * The one writer (and reader) of the two blocks every exported result carries, in the schema of
 * {@code docs/export-provenance.md}:
 *
 * <pre>{@code
 * "model": {"name": "...", "source": "...", "sha256": "...", "format": "DL4J_MULTILAYER",
 *           "input": {"channels": 1, "height": 28, "width": 28, "layout": "NCHW", "bounds": [0.0, 1.0],
 *                     "mean": null, "std": null},
 *           "classes": ["T-shirt/top", ...]},
 * "provenance": {"advlens_version": "...", "created": "2026-11-22T10:15:30Z", "java": "...", "os": "..."}
 * }</pre>
 *
 * Exporters place the two objects where their format puts them; the field names, their order and their types are
 * the same in every file. Reading rejects a missing or mistyped field with its JSON path in the message.
 */
public final class ProvenanceJson {

    /** The key of the model block. */
    public static final String MODEL = "model";

    /** The key of the provenance block. */
    public static final String PROVENANCE = "provenance";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProvenanceJson() {
    }

    // ---- writing ----

    /** The provenance block. */
    public static ObjectNode provenance(Provenance p) {
        ObjectNode o = NODES.objectNode();
        o.put("advlens_version", p.advlensVersion());
        o.put("created", p.created().toString());
        o.put("java", p.java());
        o.put("os", p.os());
        return o;
    }

    /** The model block. */
    public static ObjectNode model(ModelIdentity m) {
        ObjectNode o = NODES.objectNode();
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
        m.classes().forEach(classes::add);
        return o;
    }

    /** The model block of a loaded model. */
    public static ObjectNode model(ModelInfo m) {
        return model(ModelIdentity.of(m));
    }

    /** Puts both blocks into {@code root}: {@code "model"} then {@code "provenance"}; returns {@code root}. */
    public static ObjectNode putBoth(ObjectNode root, ModelIdentity model, Provenance provenance) {
        root.set(MODEL, model(model));
        root.set(PROVENANCE, provenance(provenance));
        return root;
    }

    // ---- reading ----

    /**
     * Reads a provenance block.
     *
     * @param path the block's JSON path, for messages
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    public static Provenance readProvenance(JsonNode o, String path) {
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

    /**
     * Reads a model block.
     *
     * @param path the block's JSON path, for messages
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    public static ModelIdentity readModel(JsonNode o, String path) {
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
        JsonNode cls = o.get("classes");
        if (cls == null || !cls.isArray()) {
            throw new IllegalArgumentException(path + ".classes is missing or not an array");
        }
        for (JsonNode c : cls) {
            classes.add(c.asText());
        }
        return new ModelIdentity(text(o, "name", path), optionalText(o, "source"), optionalText(o, "sha256"), format,
                spec, classes);
    }

    private static void putDoubles(ObjectNode o, String field, double[] values) {
        if (values == null) {
            o.putNull(field);
            return;
        }
        ArrayNode a = o.putArray(field);
        for (double v : values) {
            a.add(v);
        }
    }

    private static JsonNode requireObject(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(path + " is missing or not an object");
        }
        return n;
    }

    private static String text(JsonNode o, String field, String path) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(path + "." + field + " is missing or not a string");
        }
        return n.asText();
    }

    private static String optionalText(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static int integer(JsonNode o, String field, String path) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(path + "." + field + " is missing or not an integer");
        }
        return n.asInt();
    }

    private static double[] doubles(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(path + " is missing or not an array");
        }
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
