package org.advlens.app.faithfulness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.advlens.io.AtomicFiles;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;
import org.advlens.saliency.faithfulness.FaithfulnessJson;

/**
 * Writes a faithfulness comparison in the format the file name asks for: {@code .csv} ({@link FaithfulnessCsv})
 * or {@code .json}. One model's JSON is exactly what {@code advlens faithfulness --json} prints
 * ({@link FaithfulnessJson}); two models' is {@code {"kind": "faithfulness-comparison", "data": ..., "models":
 * [...]}} with one such object per model.
 */
public final class FaithfulnessExport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FaithfulnessExport() {
    }

    /** @throws IOException if the file cannot be written or its extension is neither .json nor .csv */
    public static void write(FaithfulnessComparison comparison, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            FaithfulnessCsv.write(comparison, file);
        } else if (name.endsWith(".json")) {
            AtomicFiles.writeString(file, json(comparison));
        } else {
            throw new IOException(file.getFileName() + ": unknown export format; use .json or .csv");
        }
    }

    /** The comparison as JSON text. */
    public static String json(FaithfulnessComparison comparison) throws IOException {
        if (!comparison.comparing()) {
            ModelFaithfulness m = comparison.models().get(0);
            return MAPPER.writeValueAsString(FaithfulnessJson.of(m.result(), m.model(), comparison.data()));
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "faithfulness-comparison");
        root.put("data", comparison.data());
        ArrayNode models = root.putArray("models");
        for (ModelFaithfulness m : comparison.models()) {
            ObjectNode table = FaithfulnessJson.of(m.result(), m.model(), comparison.data());
            table.put("label", m.label());
            models.add(table);
        }
        root.set(ProvenanceJson.PROVENANCE, ProvenanceJson.provenance(Provenance.now()));
        return MAPPER.writeValueAsString(root);
    }
}
