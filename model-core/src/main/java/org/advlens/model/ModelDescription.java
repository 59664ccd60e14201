package org.advlens.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advlens.io.AtomicFiles;

/**
 * What a model file does not say about itself: its input description, its class names and a display name.
 * Stored as JSON, either inside a DL4J zip (entry {@value #ZIP_ENTRY}) or beside the model file
 * ({@code <model file name>.json}):
 *
 * <pre>{@code
 * {"name": "Fashion-MNIST CNN",
 *  "input": {"channels": 1, "height": 28, "width": 28, "layout": "NCHW", "bounds": [0, 1],
 *            "mean": null, "std": null},
 *  "classes": ["T-shirt/top", "Trouser", ...]}
 * }</pre>
 *
 * On reading, {@code name}, {@code layout} (NCHW), {@code bounds} ([0, 1]) and {@code mean}/{@code std} (none)
 * may be left out.
 *
 * @param name display name, or {@code null} to use the file name
 * @param input the input description
 * @param classes one name per output class (at least two)
 */
public record ModelDescription(String name, InputSpec input, List<String> classes) {

    /** Name of the zip entry that holds the description inside a DL4J model zip. */
    public static final String ZIP_ENTRY = "advlens-description.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelDescription {
        if (input == null) {
            throw new IllegalArgumentException("a model description needs an input description");
        }
        if (classes == null || classes.size() < 2) {
            throw new IllegalArgumentException("a model description needs at least two class names, got " + classes);
        }
        for (String c : classes) {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("class names must not be blank, got " + classes);
            }
        }
        classes = List.copyOf(classes);
        name = name == null || name.isBlank() ? null : name;
    }

    /** Class names {@code "class 0"} to {@code "class k-1"}. */
    public static List<String> numberedClasses(int k) {
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            names.add("class " + i);
        }
        return names;
    }

    public int numClasses() {
        return classes.size();
    }

    public ModelDescription withName(String newName) {
        return new ModelDescription(newName, input, classes);
    }

    public ModelDescription withInput(InputSpec newInput) {
        return new ModelDescription(name, newInput, classes);
    }

    /** The description as indented JSON. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        if (name == null) {
            root.putNull("name");
        } else {
            root.put("name", name);
        }
        ObjectNode in = root.putObject("input");
        in.put("channels", input.channels());
        in.put("height", input.height());
        in.put("width", input.width());
        in.put("layout", input.layout().name());
        in.putArray("bounds").add(input.lower()).add(input.upper());
        putArray(in, "mean", input.mean());
        putArray(in, "std", input.std());
        ArrayNode cls = root.putArray("classes");
        classes.forEach(cls::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Parses a description.
     *
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public static ModelDescription fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"input\" and \"classes\"");
        }
        JsonNode in = root.get("input");
        if (in == null || !in.isObject()) {
            throw new IllegalArgumentException("\"input\" is missing or not an object");
        }
        int channels = requiredInt(in, "channels");
        int height = requiredInt(in, "height");
        int width = requiredInt(in, "width");
        ChannelOrder layout = ChannelOrder.NCHW;
        JsonNode layoutNode = in.get("layout");
        if (layoutNode != null && !layoutNode.isNull()) {
            try {
                layout = ChannelOrder.valueOf(layoutNode.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input.layout must be NCHW or NHWC, got " + layoutNode);
            }
        }
        double lower = 0;
        double upper = 1;
        JsonNode bounds = in.get("bounds");
        if (bounds != null && !bounds.isNull()) {
            double[] b = doubles(bounds, "input.bounds");
            if (b.length != 2) {
                throw new IllegalArgumentException("input.bounds must be [lower, upper], got " + bounds);
            }
            lower = b[0];
            upper = b[1];
        }
        double[] mean = optionalDoubles(in, "mean");
        double[] std = optionalDoubles(in, "std");
        JsonNode cls = root.get("classes");
        if (cls == null || !cls.isArray()) {
            throw new IllegalArgumentException("\"classes\" is missing or not an array of names");
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode c : cls) {
            if (!c.isTextual()) {
                throw new IllegalArgumentException("\"classes\" must hold strings, got " + c);
            }
            classes.add(c.asText());
        }
        JsonNode nameNode = root.get("name");
        String name = nameNode == null || nameNode.isNull() ? null : nameNode.asText();
        return new ModelDescription(name, new InputSpec(channels, height, width, layout, lower, upper, mean, std),
                classes);
    }

    /** Reads a description file; the message of the exception names the file and the problem. */
    public static ModelDescription read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + ": invalid model description: " + e.getMessage(), e);
        }
    }

    /** Writes this description as JSON to {@code file}. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    private static int requiredInt(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("input." + field + " must be an integer, got " + n);
        }
        return n.asInt();
    }

    private static double[] optionalDoubles(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? null : doubles(n, "input." + field);
    }

    private static double[] doubles(JsonNode n, String field) {
        if (!n.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of numbers, got " + n);
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new IllegalArgumentException(field + " must be an array of numbers, got " + n);
            }
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static void putArray(ObjectNode node, String field, double[] values) {
        if (values == null) {
            node.putNull(field);
        } else {
            ArrayNode a = node.putArray(field);
            for (double v : values) {
                a.add(v);
            }
        }
    }
}
