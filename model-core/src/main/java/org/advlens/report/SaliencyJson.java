package org.advlens.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.advlens.io.AtomicFiles;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;

/**
 * Saliency results as JSON and CSV, each with provenance: the common {@code model} and {@code provenance} blocks
 * ({@link ProvenanceJson}), the data, the method and its settings and the seed.
 *
 * <p>A map file holds {@code method}, {@code parameters}, {@code target} (index and name), {@code shape}
 * ({@code [channels, height, width]}), {@code values} (flat, C order), {@code signed}, and for Integrated
 * Gradients {@code completeness_delta}. A sanity-check file holds the steps, and per metric and method the mean
 * and standard deviation over images at every step, plus the per-image values. The CSV has one row per method,
 * step and metric: {@value #CSV_HEADER}.
 */
public final class SaliencyJson {

    /** Header of the sanity-check CSV. */
    public static final String CSV_HEADER = "randomization,method,step_index,step,metric,mean,std,images";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SaliencyJson() {
    }

    /**
     * One image's map.
     *
     * @param image where the image came from (a file, or a data set and index), for provenance
     */
    public static ObjectNode map(SaliencyMap map, int index, Map<String, Object> parameters, ModelInfo model,
                                 String image) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "saliency-map");
        root.put("method", map.method());
        root.set("parameters", MAPPER.valueToTree(parameters == null ? Map.of() : parameters));
        root.set(ProvenanceJson.MODEL, ProvenanceJson.model(model));
        root.put("image", image == null ? "" : image);
        ObjectNode target = root.putObject("target");
        int t = map.target(index);
        target.put("index", t);
        target.put("name", t < model.classNames().size() ? model.classNames().get(t) : "");
        root.put("signed", map.signed());
        ArrayNode shape = root.putArray("shape");
        shape.add(map.channels()).add(map.height()).add(map.width());
        ArrayNode values = root.putArray("values");
        for (float v : map.image(index)) {
            values.add(v);
        }
        if (map.hasCompletenessDelta()) {
            root.put("completeness_delta", map.completenessDelta()[index]);
        }
        root.set("provenance", provenance());
        return root;
    }

    /**
     * The similarity curves of a sanity check, with per-image values.
     *
     * @param data where the images came from, for provenance
     */
    public static ObjectNode sanity(SanityCheckResult r, String data) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "saliency-sanity-check");
        root.put("randomization", r.randomization().label());
        root.set(ProvenanceJson.MODEL, ProvenanceJson.model(r.model()));
        root.put("data", data == null ? "" : data);
        root.put("images", r.images());
        ArrayNode targets = root.putArray("targets");
        for (int t : r.targets()) {
            targets.add(t);
        }
        root.put("seed", r.seed());
        ArrayNode steps = root.putArray("steps");
        r.steps().forEach(steps::add);
        root.set("methods", MAPPER.valueToTree(r.methodParameters()));
        ObjectNode curves = root.putObject("similarity");
        for (SimilarityMetric metric : SimilarityMetric.values()) {
            ObjectNode byMethod = curves.putObject(metric.key());
            for (int m = 0; m < r.methods().size(); m++) {
                ObjectNode o = byMethod.putObject(r.methods().get(m));
                ArrayNode mean = o.putArray("mean");
                ArrayNode std = o.putArray("std");
                ArrayNode perImage = o.putArray("per_image");
                for (int s = 0; s < r.steps().size(); s++) {
                    mean.add(r.mean(m, s, metric));
                    std.add(r.std(m, s, metric));
                    ArrayNode row = perImage.addArray();
                    for (double v : r.similarities(m, s, metric)) {
                        row.add(v);
                    }
                }
            }
        }
        root.set("provenance", provenance());
        return root;
    }

    /** The curves as CSV rows (see {@link #CSV_HEADER}); numbers with a dot whatever the locale. */
    public static String sanityCsv(SanityCheckResult r) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (int m = 0; m < r.methods().size(); m++) {
            for (int s = 0; s < r.steps().size(); s++) {
                for (SimilarityMetric metric : SimilarityMetric.values()) {
                    sb.append(r.randomization().label()).append(',').append(r.methods().get(m)).append(',')
                            .append(s).append(',').append(csv(r.steps().get(s))).append(',').append(metric.key())
                            .append(',').append(r.mean(m, s, metric)).append(',').append(r.std(m, s, metric))
                            .append(',').append(r.images()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Writes {@code node} as indented JSON, creating parent folders. */
    public static void write(ObjectNode node, Path file) throws IOException {
        writeString(toString(node), file);
    }

    /** Writes text, creating parent folders. */
    public static void writeString(String text, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, text);
    }

    public static String toString(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode provenance() {
        return ProvenanceJson.provenance(Provenance.now());
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
