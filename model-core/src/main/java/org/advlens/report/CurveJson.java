package org.advlens.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.MaskingFlag;
import org.advlens.io.AtomicFiles;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;

/**
 * Reads and writes robustness curves in the public {@code curve.json} format described in
 * {@code docs/curve-format.md}: model and data provenance, clean accuracy, one entry per attack with its
 * parameters and one point per epsilon (with per-example correctness in data order), gradient-masking flags
 * and the run's provenance.
 */
public final class CurveJson {

    /** Version of the format; bumped when a field changes meaning. */
    public static final int FORMAT_VERSION = 1;

    private CurveJson() {
    }

    /** The result as {@code curve.json} text, with provenance of this machine at the result's creation time. */
    public static String toJson(CurveResult result) {
        return toJson(result, Provenance.at(result.created()));
    }

    public static String toJson(CurveResult result, Provenance provenance) {
        return ReportJson.toString(toTree(result, provenance));
    }

    /**
     * The result as {@code curve.json} text whose provenance also records how a distributed run was executed
     * ({@code provenance.execution}); every other field is what a local run of the same evaluation writes.
     */
    public static String toJson(CurveResult result, Provenance provenance, Execution execution) {
        ObjectNode root = toTree(result, provenance);
        ((ObjectNode) root.get("provenance")).set("execution", ReportJson.execution(execution));
        return ReportJson.toString(root);
    }

    /** Writes {@code curve.json} text with the execution of a distributed run in its provenance. */
    public static void write(CurveResult result, Execution execution, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(result, Provenance.at(result.created()), execution), StandardCharsets.UTF_8);
    }

    /** Writes {@code curve.json} text to {@code file}, creating its folder if needed. */
    public static void write(CurveResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, toJson(result));
    }

    static ObjectNode toTree(CurveResult r, Provenance provenance) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.set("model", ReportJson.model(r.model()));
        ObjectNode data = root.putObject("data");
        data.put("name", r.dataName());
        data.put("source", r.dataSource());
        data.put("size", r.size());
        root.put("clean_accuracy", r.cleanAccuracy());
        ArrayNode attacks = root.putArray("attacks");
        for (AttackCurve c : r.curves()) {
            ObjectNode a = attacks.addObject();
            a.put("name", c.attack());
            a.set("params", ReportJson.params(c.params()));
            ArrayNode points = a.putArray("points");
            for (CurvePoint p : c.points()) {
                ObjectNode o = points.addObject();
                o.put("eps", p.epsilon());
                o.put("accuracy", p.accuracy());
                o.put("success_rate", p.successRate());
                o.put("mean_l2", p.meanL2());
                o.put("mean_linf", p.meanLinf());
                ArrayNode correct = o.putArray("correct");
                for (boolean b : p.correct()) {
                    correct.add(b);
                }
            }
        }
        ArrayNode flags = root.putArray("flags");
        for (MaskingFlag f : r.flags()) {
            ObjectNode o = flags.addObject();
            o.put("kind", f.kind().name());
            o.put("attack", f.attack());
            o.put("message", f.message());
        }
        root.set("provenance", ReportJson.provenance(provenance));
        return root;
    }

    /** Reads a {@code curve.json} file; the exception's message names the file and the faulty field. */
    public static SavedCurve read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file.getFileName() + ": not a curve file (not UTF-8 text)", e);
        }
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + ": not a valid curve file: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code curve.json} text.
     *
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    public static SavedCurve fromJson(String json) {
        JsonNode root = ReportJson.parse(json);
        JsonNode version = root.get("format_version");
        if (version != null && version.asInt() > FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version " + version.asInt() + " is newer than this AdvLens "
                    + "reads (" + FORMAT_VERSION + ")");
        }
        ModelInfo model = ReportJson.readModel(root.get("model"), "model");
        JsonNode data = ReportJson.requireObject(root.get("data"), "data");
        int size = ReportJson.integer(data, "size", "data");
        if (size < 0) {
            throw new IllegalArgumentException("data.size must not be negative, got " + size);
        }
        double clean = ReportJson.number(root, "clean_accuracy", "");
        boolean[] cleanCorrect = null;
        List<AttackCurve> curves = new ArrayList<>();
        JsonNode attacks = ReportJson.requireArray(root.get("attacks"), "attacks");
        for (int a = 0; a < attacks.size(); a++) {
            String path = "attacks[" + a + "]";
            JsonNode an = ReportJson.requireObject(attacks.get(a), path);
            String name = ReportJson.text(an, "name", path);
            AttackParams params = ReportJson.readParams(an.get("params"), path + ".params");
            List<CurvePoint> points = new ArrayList<>();
            JsonNode pts = ReportJson.requireArray(an.get("points"), path + ".points");
            for (int i = 0; i < pts.size(); i++) {
                String pp = path + ".points[" + i + "]";
                JsonNode pn = ReportJson.requireObject(pts.get(i), pp);
                JsonNode cn = ReportJson.requireArray(pn.get("correct"), pp + ".correct");
                if (cn.size() != size) {
                    throw new IllegalArgumentException(pp + ".correct has " + cn.size() + " entries but data.size is "
                            + size);
                }
                boolean[] correct = new boolean[size];
                for (int k = 0; k < size; k++) {
                    if (!cn.get(k).isBoolean()) {
                        throw new IllegalArgumentException(pp + ".correct[" + k + "] is not true or false");
                    }
                    correct[k] = cn.get(k).asBoolean();
                }
                double eps = ReportJson.number(pn, "eps", pp);
                if (eps == 0 && cleanCorrect == null) {
                    cleanCorrect = correct;
                }
                points.add(new CurvePoint(name, eps, ReportJson.number(pn, "accuracy", pp),
                        ReportJson.number(pn, "success_rate", pp), ReportJson.number(pn, "mean_l2", pp),
                        ReportJson.number(pn, "mean_linf", pp), correct));
            }
            curves.add(new AttackCurve(name, params, points));
        }
        List<MaskingFlag> flags = new ArrayList<>();
        JsonNode fl = root.get("flags");
        if (fl != null && !fl.isNull()) {
            ReportJson.requireArray(fl, "flags");
            for (int i = 0; i < fl.size(); i++) {
                String fp = "flags[" + i + "]";
                JsonNode f = ReportJson.requireObject(fl.get(i), fp);
                MaskingFlag.Kind kind;
                try {
                    kind = MaskingFlag.Kind.valueOf(ReportJson.text(f, "kind", fp));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(fp + ".kind must be one of "
                            + List.of(MaskingFlag.Kind.values()) + ", got " + f.get("kind"));
                }
                flags.add(new MaskingFlag(kind, ReportJson.optionalText(f, "attack"), ReportJson.text(f, "message", fp)));
            }
        }
        Provenance provenance = ReportJson.readProvenance(root.get("provenance"), "provenance");
        CurveResult result = new CurveResult(model, ReportJson.text(data, "name", "data"),
                ReportJson.optionalText(data, "source"), size, clean, cleanCorrect == null ? new boolean[0] : cleanCorrect,
                curves, flags, provenance.created());
        return new SavedCurve(result, provenance);
    }
}
