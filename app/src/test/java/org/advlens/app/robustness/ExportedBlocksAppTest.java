package org.advlens.app.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.app.common.ImageItem;
import org.advlens.app.counterfactual.CounterfactualExport;
import org.advlens.app.counterfactual.CounterfactualResult;
import org.advlens.app.faithfulness.FaithfulnessComparison;
import org.advlens.app.faithfulness.FaithfulnessExport;
import org.advlens.app.faithfulness.ModelFaithfulness;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PathPoint;
import org.advlens.counterfactual.Plausibility;
import org.advlens.data.Images;
import org.advlens.eval.Certification;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelIdentity;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.FaithfulnessOptions;
import org.advlens.saliency.faithfulness.FaithfulnessResult;
import org.advlens.saliency.faithfulness.MethodScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's own exporters (the Robustness, Counterfactual and Faithfulness pages' files) write the same
 * {@code model} and {@code provenance} blocks as the engine, for a tiny model with normalisation.
 */
class ExportedBlocksAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelInfo MODEL = new ModelInfo("tiny", "memory:tiny", "c0ffee", ModelFormat.ONNX,
            new InputSpec(1, 2, 2, ChannelOrder.NCHW, 0, 1, new double[] {0.5}, new double[] {0.25}),
            List.of("a", "b"), 10, List.of("dense"), false);
    private static final Instant FINISHED = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theAppsExportersWriteTheEnginesBlocks() throws Exception {
        // given the files the Robustness, Counterfactual and Faithfulness pages export for the same model
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        Certification.Result cert = new Certification.Result(new RandomizedSmoothing.Options(0.25, 10, 100, 0.001,
                50), 5, List.of(new Certification.Entry(0, 1, new RandomizedSmoothing.Certificate(1, 0.9, 0.3), 0.01)));
        documents.put("certification", RobustnessJson.certification(new Finished<>(cert, MODEL, "tiny", "test:tiny",
                1, 0.5, FINISHED), new double[] {0, 0.25}));
        CounterfactualExport.write(counterfactual(), null, dir.resolve("cf"));
        documents.put("counterfactual.json", JSON.readTree(dir.resolve("cf/counterfactual.json").toFile()));
        FaithfulnessComparison two = new FaithfulnessComparison("tiny", List.of(faithfulness("plain"),
                faithfulness("robust")));
        JsonNode comparison = JSON.readTree(FaithfulnessExport.json(two));
        documents.put("faithfulness comparison", comparison);
        documents.put("faithfulness, first model", comparison.get("models").get(0));
        documents.put("faithfulness, one model", JSON.readTree(FaithfulnessExport.json(
                new FaithfulnessComparison("tiny", List.of(faithfulness("plain"))))));
        // then each holds the engine's blocks: the same keys, reading back into the model's identity
        ExpectedKeys expected = new ExpectedKeys(names(ProvenanceJson.model(MODEL)),
                List.of("advlens_version", "created", "java", "os"));
        for (Map.Entry<String, JsonNode> d : documents.entrySet()) {
            JsonNode root = d.getValue();
            if (root.has("model")) {
                assertEquals(expected.model(), names(root.get("model")), d.getKey());
                assertEquals(ModelIdentity.of(MODEL), ProvenanceJson.readModel(root.get("model"), "model"),
                        d.getKey());
            } else {
                for (JsonNode table : root.get("models")) {
                    assertEquals(ModelIdentity.of(MODEL), ProvenanceJson.readModel(table.get("model"), "model"));
                }
            }
            assertTrue(root.path("provenance").isObject(), d.getKey() + " has no provenance: " + root);
            assertEquals(expected.provenance(), names(root.get("provenance")), d.getKey());
            assertEquals(Provenance.version(), ProvenanceJson.readProvenance(root.get("provenance"), "provenance")
                    .advlensVersion());
        }
        // and a finished evaluation's provenance records when it finished
        assertEquals(FINISHED, ProvenanceJson.readProvenance(documents.get("certification").get("provenance"),
                "provenance").created());
    }

    private record ExpectedKeys(List<String> model, List<String> provenance) {
    }

    private static CounterfactualResult counterfactual() {
        Images original = new Images(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 1, 2, 2);
        Images changed = new Images(new float[] {0.1f, 0.9f, 0.3f, 0.4f}, 1, 1, 2, 2);
        Counterfactual c = new Counterfactual("pixel", original, changed, 0, 1, 1, true, true,
                new float[] {0.8f, 0.2f}, new float[] {0.3f, 0.7f}, 3, List.of(new PathPoint(0, original,
                new float[] {0.8f, 0.2f}), new PathPoint(3, changed, new float[] {0.3f, 0.7f})));
        ImageItem image = new ImageItem("x", "x.png", original, original, 0);
        return new CounterfactualResult(image, MODEL, List.of(new CounterfactualResult.Item("Pixel",
                Map.of("steps", 3), c, new Plausibility(0.7, 0.7, 1, Double.NaN, Double.NaN, Double.NaN))));
    }

    private static ModelFaithfulness faithfulness(String label) {
        Map<FaithfulnessMetric, double[]> scores = new EnumMap<>(FaithfulnessMetric.class);
        scores.put(FaithfulnessMetric.DELETION_AUC, new double[] {0.25});
        double[] curve = {1, 0};
        FaithfulnessResult r = new FaithfulnessResult(List.of(new MethodScores("gradient", scores, curve, curve,
                curve)), 1, new int[] {1}, FaithfulnessOptions.defaults(), Map.of("gradient", Map.of("batch", 1)),
                0.1);
        return new ModelFaithfulness(label, MODEL, r);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
