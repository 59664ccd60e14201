package org.advlens.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;
import org.advlens.data.Images;
import org.advlens.eval.Prediction;

/**
 * The pieces a kept result is written with: float arrays as base64 of their little-endian {@code float32} bytes
 * (the bytes of an {@code .npy} file's data, so every value comes back bit for bit and a 28x28 image takes about
 * 4 KB), images, predictions and attack outcomes. A missing or malformed field is an
 * {@link IllegalArgumentException} naming it.
 */
public final class ResultJson {

    private ResultJson() {
    }

    public static void putFloats(ObjectNode o, String name, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        o.put(name, Base64.getEncoder().encodeToString(b.array()));
    }

    public static float[] floats(JsonNode o, String name) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(field(o, name).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not base64 float32 data");
        }
        if (bytes.length % 4 != 0) {
            throw new IllegalArgumentException("'" + name + "' holds " + bytes.length + " bytes, not whole floats");
        }
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    public static void putDoubles(ObjectNode o, String name, double[] values) {
        ArrayNode a = o.putArray(name);
        for (double v : values) {
            putNumber(a, v);
        }
    }

    public static double[] doubles(JsonNode o, String name) {
        JsonNode a = field(o, name);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i));
        }
        return out;
    }

    /** A double that may be NaN or infinite, as a number or as the text "NaN", "Infinity", "-Infinity". */
    public static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.put(name, Double.toString(v));
        }
    }

    public static double number(JsonNode o, String name) {
        return number(field(o, name));
    }

    private static void putNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.add(Double.toString(v));
        }
    }

    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, got " + n);
        }
    }

    public static void putInts(ObjectNode o, String name, int[] values) {
        ArrayNode a = o.putArray(name);
        for (int v : values) {
            a.add(v);
        }
    }

    public static int[] ints(JsonNode o, String name) {
        JsonNode a = field(o, name);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    public static void putImages(ObjectNode o, String name, Images images) {
        ObjectNode i = o.putObject(name);
        putInts(i, "shape", new int[] {images.count(), images.channels(), images.height(), images.width()});
        putFloats(i, "pixels", images.pixels());
    }

    public static Images images(JsonNode o, String name) {
        JsonNode i = field(o, name);
        int[] shape = ints(i, "shape");
        if (shape.length != 4) {
            throw new IllegalArgumentException("'" + name + "' needs an NCHW shape, got " + shape.length + " numbers");
        }
        return new Images(floats(i, "pixels"), shape[0], shape[1], shape[2], shape[3]);
    }

    public static void putPrediction(ObjectNode o, String name, Prediction p) {
        ObjectNode n = o.putObject(name);
        n.put("class", p.predicted());
        putFloats(n, "probabilities", p.probabilities());
        putFloats(n, "logits", p.logits());
    }

    public static Prediction prediction(JsonNode o, String name) {
        JsonNode n = field(o, name);
        return new Prediction(field(n, "class").asInt(), floats(n, "probabilities"), floats(n, "logits"));
    }

    public static void putParams(ObjectNode o, String name, AttackParams p) {
        ObjectNode n = o.putObject(name);
        n.put("norm", p.norm().name());
        n.put("steps", p.steps());
        putNumber(n, "relative_step_size", p.relativeStepSize());
        n.put("restarts", p.restarts());
        n.put("target_class", p.targetClass());
        n.put("seed", p.seed());
    }

    public static AttackParams params(JsonNode o, String name) {
        JsonNode n = field(o, name);
        return new AttackParams(Norm.valueOf(field(n, "norm").asText()), field(n, "steps").asInt(),
                number(n, "relative_step_size"), field(n, "restarts").asInt(), field(n, "target_class").asInt(),
                field(n, "seed").asLong());
    }

    public static void putOutcome(ObjectNode o, String name, AttackOutcome r) {
        ObjectNode n = o.putObject(name);
        n.put("attack", r.attack());
        putParams(n, "params", r.params());
        putNumber(n, "epsilon", r.epsilon());
        putImages(n, "adversarial", r.adversarial());
        putInts(n, "labels", r.labels());
        putInts(n, "predictions", r.predictions());
        ArrayNode probabilities = n.putArray("probabilities");
        for (float[] row : r.probabilities()) {
            ObjectNode rowNode = probabilities.addObject();
            putFloats(rowNode, "values", row);
        }
        ArrayNode success = n.putArray("success");
        for (boolean s : r.success()) {
            success.add(s);
        }
        putDoubles(n, "l0", r.l0());
        putDoubles(n, "l2", r.l2());
        putDoubles(n, "linf", r.linf());
        n.put("repaired", r.repaired());
    }

    public static AttackOutcome outcome(JsonNode o, String name) {
        JsonNode n = field(o, name);
        JsonNode rows = field(n, "probabilities");
        float[][] probabilities = new float[rows.size()][];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = floats(rows.get(i), "values");
        }
        JsonNode s = field(n, "success");
        boolean[] success = new boolean[s.size()];
        for (int i = 0; i < success.length; i++) {
            success[i] = s.get(i).asBoolean();
        }
        return new AttackOutcome(field(n, "attack").asText(), params(n, "params"), number(n, "epsilon"),
                images(n, "adversarial"), ints(n, "labels"), ints(n, "predictions"), probabilities, success,
                doubles(n, "l0"), doubles(n, "l2"), doubles(n, "linf"), field(n, "repaired").asInt());
    }

    /** A method's parameters (numbers, text, booleans), as the exports write them. */
    public static void putParameters(ObjectNode o, String name, Map<String, Object> parameters) {
        ObjectNode n = o.putObject(name);
        parameters.forEach((k, v) -> n.set(k, n.pojoNode(v)));
    }

    public static Map<String, Object> parameters(JsonNode o, String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        field(o, name).fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble()
                    : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
        });
        return out;
    }

    /** The field {@code name} of {@code o}. */
    public static JsonNode field(JsonNode o, String name) {
        JsonNode n = o == null ? null : o.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing '" + name + "'");
        }
        return n;
    }
}
