package org.advlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.catalog.Attacks;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.data.Images;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.Certification;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.Prediction;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.eval.compare.ModelAgreement;
import org.advlens.eval.compare.TransferMatrix;
import org.advlens.job.CancellationToken;
import org.advlens.model.ModelIdentity;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;
import org.advlens.report.SaliencyJson;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.faithfulness.FaithfulnessJson;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.FaithfulnessOptions;
import org.advlens.saliency.faithfulness.FaithfulnessResult;
import org.advlens.saliency.faithfulness.MethodScores;
import org.junit.jupiter.api.Test;

/**
 * Every engine exporter, run on the same tiny linear model, writes the same {@code model} and {@code provenance}
 * blocks: the same keys in the same order, the model's hash, and blocks that read back into the model's identity.
 */
class ExportedBlocksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LinearTestClassifier MODEL = new LinearTestClassifier();
    private static final ModelInfo INFO = MODEL.info();

    @Test
    void everyEngineExporterWritesTheSameBlocks() throws Exception {
        // given the documents every engine exporter writes for the same model
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("attack.json", parse(AttackJson.toJson(attackRecord())));
        documents.put("curve.json", parse(CurveJson.toJson(curve())));
        documents.put("certification", parse(CertificationJson.toJson(INFO, "tiny", "test:tiny", certification(),
                new double[] {0, 0.25}, 0.5, null)));
        documents.put("agreement", parse(ComparisonJson.agreement(new ModelAgreement.Result(INFO, INFO,
                new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 2}, 3), "tiny", "test:tiny")));
        documents.put("transfer matrix", parse(ComparisonJson.transferMatrix(new TransferMatrix.Result(List.of(INFO),
                "fgsm", Attacks.byName("fgsm").defaults(), 0.1, 2, new int[] {2}, new int[][] {{1}}), "tiny", "t")));
        documents.put("counterfactual header", CounterfactualJson.header(INFO, new PixelCounterfactual()));
        documents.put("saliency map", SaliencyJson.map(new SaliencyMap("gradient", new float[] {1, 2, 3, 4}, 1, 1,
                2, 2, new int[] {1}, true, null), 0, Map.of("batch", 1), INFO, "x.png"));
        documents.put("faithfulness", FaithfulnessJson.of(faithfulness(), INFO, "tiny"));
        // when their model blocks are found (a comparison names its models "models", "first" and "second")
        ModelIdentity expected = ModelIdentity.of(INFO);
        List<String> modelKeys = names(ProvenanceJson.model(expected));
        for (Map.Entry<String, JsonNode> d : documents.entrySet()) {
            JsonNode root = d.getValue();
            List<JsonNode> models = new ArrayList<>();
            if (root.has("model")) {
                models.add(root.get("model"));
            }
            root.path("models").forEach(models::add);
            if (root.has("first")) {
                models.add(root.get("first"));
                models.add(root.get("second"));
            }
            // then each has the same keys, the same hash, and reads back into the model's identity
            assertTrue(!models.isEmpty(), d.getKey() + " has no model block");
            for (JsonNode m : models) {
                assertEquals(modelKeys, names(m), d.getKey());
                assertEquals("0123abcd", m.get("sha256").asText(), d.getKey());
                assertEquals(expected, ProvenanceJson.readModel(m, "model"), d.getKey());
            }
            // and the provenance block has the same four fields and reads back
            JsonNode p = root.get("provenance");
            assertTrue(p != null, d.getKey() + " has no provenance block");
            assertEquals(List.of("advlens_version", "created", "java", "os"), names(p), d.getKey());
            Provenance back = ProvenanceJson.readProvenance(p, "provenance");
            assertEquals(Provenance.version(), back.advlensVersion(), d.getKey());
        }
    }

    @Test
    void aDistributedCurveAddsOnlyItsExecutionToTheProvenance() {
        // given a curve written with how a distributed run executed
        Execution e = new Execution("spark", "local[2]", "app-1", 2, 10, List.of(new int[] {0, 2}), List.of(7L));
        JsonNode root = parse(CurveJson.toJson(curve(), Provenance.at(Instant.parse("2026-01-02T03:04:05Z")), e));
        // then the provenance block is the common one plus "execution", and still reads back
        assertEquals(List.of("advlens_version", "created", "java", "os", "execution"), names(root.get("provenance")));
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"),
                ProvenanceJson.readProvenance(root.get("provenance"), "provenance").created());
    }

    private static AttackRecord attackRecord() {
        Images clean = new Images(new float[] {0.9f, 0.1f, 0.2f, 0.3f}, 1, 1, 2, 2);
        Prediction before = Prediction.of(MODEL, clean)[0];
        AttackOutcome o = AttackRunner.run(Attacks.byName("fgsm"), MODEL, clean, new int[] {0}, new double[] {0.5},
                Attacks.byName("fgsm").defaults().withSeed(3), CancellationToken.create()).get(0);
        Prediction after = Prediction.of(MODEL, o.adversarial())[0];
        return AttackRecord.of(INFO, "x.png", o, 0, true, before, after, 1);
    }

    private static CurveResult curve() {
        boolean[] clean = {true, false};
        AttackParams fgsm = Attacks.byName("fgsm").defaults();
        AttackCurve a = new AttackCurve("fgsm", fgsm, List.of(new CurvePoint("fgsm", 0, 0.5, 0, 0, 0, clean)));
        return new CurveResult(INFO, "tiny", "test:tiny", 2, 0.5, clean, List.of(a), List.of(),
                Instant.parse("2026-01-02T03:04:05Z"));
    }

    private static Certification.Result certification() {
        return new Certification.Result(new RandomizedSmoothing.Options(0.25, 10, 100, 0.001, 50), 5,
                List.of(new Certification.Entry(0, 1, new RandomizedSmoothing.Certificate(1, 0.9, 0.3), 0.01)));
    }

    private static FaithfulnessResult faithfulness() {
        Map<FaithfulnessMetric, double[]> scores = new EnumMap<>(FaithfulnessMetric.class);
        scores.put(FaithfulnessMetric.DELETION_AUC, new double[] {0.25});
        double[] c = {1, 0};
        return new FaithfulnessResult(List.of(new MethodScores("gradient", scores, c, c, c)), 1, new int[] {1},
                FaithfulnessOptions.defaults(), Map.of("gradient", Map.of("batch", 1)), 0.1);
    }

    private static JsonNode parse(String text) {
        return ReportJson.parse(text);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
