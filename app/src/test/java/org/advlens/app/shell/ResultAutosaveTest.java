package org.advlens.app.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.advlens.app.attack.AttackResult;
import org.advlens.app.attack.AttackResultCodec;
import org.advlens.app.attack.Heatmap;
import org.advlens.app.common.ImageItem;
import org.advlens.app.counterfactual.CounterfactualResult;
import org.advlens.app.counterfactual.CounterfactualResultCodec;
import org.advlens.app.saliency.SaliencyResult;
import org.advlens.app.saliency.SaliencyResultCodec;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PathPoint;
import org.advlens.counterfactual.Plausibility;
import org.advlens.data.Images;
import org.advlens.eval.Prediction;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.report.PerturbationImage;
import org.advlens.saliency.SaliencyMap;
import org.junit.jupiter.api.Test;

/**
 * The kept results' round trip through their JSON form, value for value, and the rule that a result computed on
 * another model or image is dropped.
 */
class ResultAutosaveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelInfo MODEL = model("aa11");
    /** A 2x2 grey image; values chosen so that float32 rounding would show in a decimal round trip. */
    private static final Images PIXELS = new Images(new float[] {0.1f, 0.2f, 1f / 3, 0.7f}, 1, 1, 2, 2);
    private static final ImageItem IMAGE = new ImageItem("Sneaker", "bundled:sneaker", PIXELS, PIXELS, 7);

    private static ModelInfo model(String sha256) {
        return new ModelInfo("tiny", "tiny.zip", sha256, ModelFormat.ONNX, InputSpec.grey(2, 2), List.of("a", "b",
                "c"), 12, List.of(), false);
    }

    private static AttackResult attackResult() {
        Images adversarial = new Images(new float[] {0.15f, 0.1f, 1f / 3 + 0.05f, 0.65f}, 1, 1, 2, 2);
        AttackParams params = new AttackParams(Norm.LINF, 10, Double.NaN, 1, AttackParams.UNTARGETED, 42L);
        AttackOutcome outcome = new AttackOutcome("pgd", params, 0.05, adversarial, new int[] {2}, new int[] {1},
                new float[][] {{0.1f, 0.6f, 0.3f}}, new boolean[] {true}, new double[] {4}, new double[] {0.1},
                new double[] {0.05}, 0);
        Prediction before = new Prediction(2, new float[] {0.1f, 0.2f, 0.7f}, new float[] {-1f, 0f, 1.2f});
        Prediction after = new Prediction(1, new float[] {0.1f, 0.6f, 0.3f}, new float[] {-1f, 1.1f, 0.4f});
        return new AttackResult(IMAGE, MODEL, "PGD", 2, false, before, after, outcome,
                PerturbationImage.of(PIXELS, adversarial, MODEL.input()), Heatmap.of(PIXELS, adversarial),
                Double.POSITIVE_INFINITY, "l2");
    }

    private static <T> T roundTrip(String name, org.advlens.app.session.ResultCodec<T> codec, T result)
            throws Exception {
        JsonNode tree = JSON.readTree(ResultAutosave.toJson(name, codec, result));
        return ResultAutosave.fromJson(name, codec, tree, IMAGE, MODEL).orElseThrow();
    }

    @Test
    void anAttackResultComesBackValueForValue() throws Exception {
        // given an attack result, when it is written and read back onto the same image and model
        AttackResult before = attackResult();
        AttackResult after = roundTrip("attack", new AttackResultCodec(), before);

        // then pixels, norms, predictions and parameters are equal bit for bit
        assertSame(IMAGE, after.image());
        assertArrayEquals(before.outcome().adversarial().pixels(), after.outcome().adversarial().pixels());
        assertArrayEquals(before.amplified().image().pixels(), after.amplified().image().pixels());
        assertEquals(before.amplified().amplification(), after.amplified().amplification());
        assertArrayEquals(before.heatmap().values(), after.heatmap().values());
        assertEquals(before.heatmap().scale(), after.heatmap().scale());
        assertEquals(before.l0(), after.l0());
        assertEquals(before.l2(), after.l2());
        assertEquals(before.linf(), after.linf());
        assertTrue(after.success());
        assertEquals(before.outcome().params(), after.outcome().params(), "NaN step size included");
        assertEquals(before.outcome().epsilon(), after.outcome().epsilon());
        assertArrayEquals(before.outcome().probabilities()[0], after.outcome().probabilities()[0]);
        assertEquals(before.before().predicted(), after.before().predicted());
        assertArrayEquals(before.before().logits(), after.before().logits());
        assertArrayEquals(before.after().probabilities(), after.after().probabilities());
        assertEquals("PGD", after.attackDisplayName());
        assertEquals(Double.POSITIVE_INFINITY, after.minimalDistance(), "an infinite distance (none found) too");
        assertEquals("l2", after.distanceMeasure());
    }

    @Test
    void saliencyMapsComeBackValueForValue() throws Exception {
        SaliencyMap ig = new SaliencyMap("integrated-gradients", new float[] {-0.5f, 0.25f, 1e-7f, 3f}, 1, 1, 2, 2,
                new int[] {2}, true, new double[] {1e-3});
        SaliencyMap cam = new SaliencyMap("gradcam", new float[] {0, 0.5f, 1, 0.25f}, 1, 1, 2, 2, new int[] {2},
                false, null);
        SaliencyResult before = new SaliencyResult(IMAGE, MODEL, 2, "predicted", new Prediction(2,
                new float[] {0.1f, 0.2f, 0.7f}, new float[] {-1f, 0f, 1.2f}), List.of(
                new SaliencyResult.Entry("Integrated Gradients", Map.of("steps", 50, "baseline", "BLACK"), ig, 0.25),
                new SaliencyResult.Entry("Grad-CAM", Map.of(), cam, 0.01)), List.of("Occlusion"));

        SaliencyResult after = roundTrip("saliency", new SaliencyResultCodec(), before);

        assertEquals(2, after.maps().size());
        for (int i = 0; i < 2; i++) {
            SaliencyMap a = before.maps().get(i).map();
            SaliencyMap b = after.maps().get(i).map();
            assertEquals(a.method(), b.method());
            assertArrayEquals(a.values(), b.values());
            assertArrayEquals(a.targets(), b.targets());
            assertEquals(a.signed(), b.signed());
            assertArrayEquals(a.completenessDelta(), b.completenessDelta());
            assertEquals(before.maps().get(i).displayName(), after.maps().get(i).displayName());
        }
        assertEquals(50L, after.maps().get(0).parameters().get("steps"));
        assertEquals("BLACK", after.maps().get(0).parameters().get("baseline"));
        assertEquals(List.of("Occlusion"), after.skipped());
        assertEquals("predicted", after.targetKind());
        assertArrayEquals(before.prediction().probabilities(), after.prediction().probabilities());
    }

    @Test
    void aCounterfactualComesBackWithItsPath() throws Exception {
        Images end = new Images(new float[] {0.1f, 0.9f, 1f / 3, 0.7f}, 1, 1, 2, 2);
        Counterfactual c = new Counterfactual("pixel", PIXELS, end, 2, 1, 1, true, false,
                new float[] {0.1f, 0.2f, 0.7f}, new float[] {0.1f, 0.6f, 0.3f}, 12, List.of(
                new PathPoint(0, PIXELS, new float[] {0.1f, 0.2f, 0.7f}),
                new PathPoint(12, end, new float[] {0.1f, 0.6f, 0.3f})));
        CounterfactualResult before = new CounterfactualResult(IMAGE, MODEL, List.of(new CounterfactualResult.Item(
                "Pixel space", Map.of("steps", 500), c, new Plausibility(0.7, 0.7, 1, Double.NaN, Double.NaN, 0.4))));

        CounterfactualResult after = roundTrip("counterfactual", new CounterfactualResultCodec(), before);

        Counterfactual d = after.items().get(0).counterfactual();
        assertArrayEquals(end.pixels(), d.counterfactual().pixels());
        assertArrayEquals(c.probabilities(), d.probabilities());
        assertEquals(2, d.path().size());
        assertArrayEquals(end.pixels(), d.path().get(1).image().pixels());
        assertEquals(12, d.path().get(1).step());
        assertEquals(before.items().get(0).plausibility(), after.items().get(0).plausibility(), "NaN measures too");
    }

    @Test
    void aResultIsDroppedWhenTheModelOrTheImageChanged() throws Exception {
        // given an attack result kept on model aa11 and the 2x2 image
        AttackResultCodec codec = new AttackResultCodec();
        JsonNode tree = JSON.readTree(ResultAutosave.toJson("attack", codec, attackResult()));

        // when the restored model has another file hash, or the restored image other pixels, then it is dropped
        assertEquals(Optional.empty(), ResultAutosave.fromJson("attack", codec, tree, IMAGE, model("bb22")));
        Images brighter = new Images(new float[] {0.1f, 0.2f, 1f / 3, 0.71f}, 1, 1, 2, 2);
        ImageItem sameName = new ImageItem("Sneaker", "bundled:sneaker", brighter, brighter, 7);
        assertEquals(Optional.empty(), ResultAutosave.fromJson("attack", codec, tree, sameName, MODEL));
        // and kept on the same ones
        assertTrue(ResultAutosave.fromJson("attack", codec, tree, IMAGE, model("aa11")).isPresent());
    }

    @Test
    void aDamagedFileIsRefusedWithWhatIsWrong() throws Exception {
        AttackResultCodec codec = new AttackResultCodec();
        String text = ResultAutosave.toJson("attack", codec, attackResult());
        JsonNode noOutcome = JSON.readTree(text.replace("\"outcome\"", "\"outcome_gone\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultAutosave.fromJson("attack", codec, noOutcome, IMAGE, MODEL));
        assertEquals("missing 'outcome'", e.getMessage());
        JsonNode future = JSON.readTree(text.replace("\"format\":1", "\"format\":9"));
        assertThrows(IllegalArgumentException.class, () -> ResultAutosave.fromJson("attack", codec, future, IMAGE,
                MODEL));
    }
}
