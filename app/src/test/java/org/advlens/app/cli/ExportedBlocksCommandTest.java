package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.model.ModelIdentity;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes JSON, run on the bundled model with a handful of images, writes the same
 * {@code model} and {@code provenance} blocks: the same keys, the same model hash, and blocks that read back into
 * one model identity.
 */
class ExportedBlocksCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROVENANCE_KEYS = List.of("advlens_version", "created", "java", "os");

    @TempDir
    Path dir;

    @Test
    void everyCommandWritesTheSameModelAndProvenanceBlocks() throws Exception {
        // given the JSON of every command that writes one, each run on the bundled model
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("eval", stdout("eval", "--limit", "4"));
        documents.put("curve.json", file("curve/curve.json", "curve", "--attack", "fgsm", "--eps", "0,0.1",
                "--limit", "4", "--batch", "4", "--out", dir.resolve("curve").toString()));
        documents.put("attack.json", file("attack/attack.json", "attack", "--attack", "fgsm", "--eps", "0.1",
                "--out", dir.resolve("attack").toString()));
        documents.put("certify", stdout("certify", "--limit", "2", "--n0", "10", "--n", "50", "--batch", "50"));
        documents.put("saliency", stdout("saliency", "--methods", "gradient", "--index", "0", "--values", "json",
                "--out", dir.resolve("saliency").toString()));
        documents.put("saliency map", read("saliency/image0-gradient.json"));
        run("sanity", "--methods", "gradient", "--images", "1", "--out", dir.resolve("sanity").toString());
        documents.put("sanity", read("sanity/sanity-cascading.json"));
        documents.put("sanity summary", read("sanity/sanity-summary.json"));
        documents.put("faithfulness", stdout("faithfulness", "--methods", "gradient", "--limit", "1", "--steps", "5",
                "--subsets", "5", "--sensitivity-samples", "2", "--json"));
        documents.put("counterfactuals.json", file("cf/counterfactuals.json", "counterfactual", "--target", "Shirt",
                "--kind", "pixel", "--index", "0", "--out", dir.resolve("cf").toString()));
        documents.put("corruptions", stdout("corruptions", "--limit", "2", "--corruptions", "gaussian_noise",
                "--severities", "1", "--json"));
        documents.put("ood", stdout("ood", "--limit", "10", "--ood", "uniform", "--scores", "msp"));
        documents.put("calibration", stdout("calibration", "--limit", "20"));
        documents.put("defend", stdout("defend", "--defence", "feature-squeezing", "--limit", "2", "--steps", "2",
                "--json"));
        documents.put("minnorm.json", file("minnorm/minnorm.json", "minnorm", "--attack", "deepfool", "--limit", "2",
                "--out", dir.resolve("minnorm").toString()));
        documents.put("diagnose", file("diagnose.json", "diagnose", "--limit", "4", "--eps", "0.1", "--steps", "2",
                "--queries", "10", "--strong-factor", "2", "--strong-restarts", "1", "--json",
                dir.resolve("diagnose.json").toString()));
        documents.put("concepts", stdout("concepts", "--classes", "Ankle boot", "--limit", "4", "--top", "1",
                "--references", "2"));
        documents.put("agreement", file("agreement.json", "agreement", "--compare", "bundled", "--limit", "4",
                "--json", dir.resolve("agreement.json").toString()));
        documents.put("transfer matrix", file("matrix.json", "transfer-matrix", "--models", "bundled,bundled",
                "--attack", "fgsm", "--eps", "0.1", "--limit", "2", "--json", dir.resolve("matrix.json").toString()));

        // when the model blocks are collected (a comparison names its models "models", "first" and "second")
        ModelIdentity first = null;
        List<String> modelKeys = null;
        for (Map.Entry<String, JsonNode> d : documents.entrySet()) {
            JsonNode root = d.getValue();
            List<JsonNode> models = modelBlocks(root);
            assertFalse(models.isEmpty(), d.getKey() + " has no model block: " + root);
            for (JsonNode m : models) {
                // then every block has the same keys and reads back into the same identity, with a file hash
                ModelIdentity identity = ProvenanceJson.readModel(m, d.getKey() + ".model");
                if (first == null) {
                    first = identity;
                    modelKeys = names(m);
                }
                assertEquals(modelKeys, names(m), d.getKey());
                assertEquals(first, identity, d.getKey());
                assertEquals(64, identity.sha256().length(), d.getKey());
            }
            // and the provenance block has the same four fields and reads back
            JsonNode p = root.get("provenance");
            assertTrue(p != null && p.isObject(), d.getKey() + " has no provenance block: " + root);
            assertEquals(PROVENANCE_KEYS, names(p), d.getKey());
            assertEquals(Provenance.version(), ProvenanceJson.readProvenance(p, d.getKey()).advlensVersion());
        }
        assertEquals(List.of("name", "source", "sha256", "format", "input", "classes"), modelKeys);
        assertEquals(10, first.classes().size());
    }

    private static List<JsonNode> modelBlocks(JsonNode root) {
        List<JsonNode> models = new ArrayList<>();
        for (String key : List.of("model", "baseline", "first", "second")) {
            if (root.path(key).isObject()) {
                models.add(root.get(key));
            }
        }
        root.path("models").forEach(models::add);
        return models;
    }

    private static Cli run(String... args) {
        Cli r = Cli.run(args);
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private static JsonNode stdout(String... args) throws Exception {
        return JSON.readTree(run(args).out());
    }

    private JsonNode file(String path, String... args) throws Exception {
        run(args);
        return read(path);
    }

    private JsonNode read(String path) throws Exception {
        return JSON.readTree(dir.resolve(path).toFile());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
