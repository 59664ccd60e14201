package org.advlens.saliency.faithfulness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;

/**
 * A faithfulness table as JSON, with provenance: the common {@code model} and {@code provenance} blocks
 * ({@link ProvenanceJson}), the data, the settings and seed and each method's settings. Per row: the mean and standard
 * deviation of each measure, the per-image values and the mean deletion, insertion and ROAD curves.
 */
public final class FaithfulnessJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FaithfulnessJson() {
    }

    /** The table as a JSON tree. */
    public static ObjectNode of(FaithfulnessResult r, ModelInfo model, String data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "faithfulness");
        root.set(ProvenanceJson.MODEL, ProvenanceJson.model(model));
        root.put("data", data == null ? "" : data);
        root.put("images", r.images());
        root.put("target", "predicted");
        root.set("options", MAPPER.valueToTree(r.options().parameters()));
        root.put("seconds", r.seconds());
        ArrayNode targets = root.putArray("targets");
        for (int t : r.targets()) {
            targets.add(t);
        }
        ArrayNode rows = root.putArray("methods");
        for (MethodScores row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("method", row.method());
            Map<String, Object> p = r.methodParameters().get(row.method());
            o.set("parameters", MAPPER.valueToTree(p == null ? Map.of() : p));
            for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
                if (!row.has(metric)) {
                    continue;
                }
                ObjectNode s = o.putObject(metric.key());
                s.put("mean", row.mean(metric));
                s.put("std", row.std(metric));
                s.put("higher_is_better", metric.higherIsBetter());
                ArrayNode v = s.putArray("per_image");
                for (double d : row.values(metric)) {
                    v.add(d);
                }
            }
            curve(o.putArray("deletion_curve"), row.deletionCurve());
            curve(o.putArray("insertion_curve"), row.insertionCurve());
            curve(o.putArray("road_curve"), row.roadCurve());
        }
        root.set(ProvenanceJson.PROVENANCE, ProvenanceJson.provenance(Provenance.now()));
        return root;
    }

    /** The table of means as fixed-width text, one row per method. */
    public static String table(FaithfulnessResult r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s", "method"));
        for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
            sb.append(String.format(Locale.ROOT, " %18s", metric.label() + (metric.higherIsBetter() ? " ^" : " v")));
        }
        sb.append('\n');
        for (MethodScores row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "%-22s", row.method()));
            for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
                sb.append(row.has(metric) ? String.format(Locale.ROOT, " %18.3f", row.mean(metric))
                        : String.format(Locale.ROOT, " %18s", "-"));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The table of means as a Markdown table. */
    public static String markdown(FaithfulnessResult r) {
        StringBuilder sb = new StringBuilder("| method |");
        for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
            sb.append(' ').append(metric.label()).append(metric.higherIsBetter() ? " ↑" : " ↓").append(" |");
        }
        sb.append("\n|---|");
        sb.append("---:|".repeat(FaithfulnessMetric.values().length)).append('\n');
        for (MethodScores row : r.rows()) {
            sb.append("| ").append(row.method()).append(" |");
            for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
                sb.append(row.has(metric) ? String.format(Locale.ROOT, " %.3f ± %.3f |", row.mean(metric),
                        row.std(metric)) : " – |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void curve(ArrayNode node, double[] values) {
        for (double v : values) {
            node.add(v);
        }
    }
}
