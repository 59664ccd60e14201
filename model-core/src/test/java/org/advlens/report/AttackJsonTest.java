package org.advlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Images;
import org.advlens.eval.Prediction;
import org.advlens.job.CancellationToken;
import org.junit.jupiter.api.Test;

class AttackJsonTest {

    @Test
    void recordsTheVerifiedOutcomeWithProvenance() {
        LinearTestClassifier model = new LinearTestClassifier();
        Images clean = new Images(new float[] {0.9f, 0.1f, 0.2f, 0.3f}, 1, 1, 2, 2);
        Prediction before = Prediction.of(model, clean)[0];
        assertEquals(0, before.predicted());
        AttackParams params = Attacks.byName("fgsm").defaults().withSeed(3);
        AttackOutcome o = AttackRunner.run(Attacks.byName("fgsm"), model, clean, new int[] {0}, new double[] {0.5},
                params, CancellationToken.create()).get(0);
        Prediction after = Prediction.of(model, o.adversarial())[0];
        PerturbationImage visible = PerturbationImage.of(clean, o.adversarial(), model.inputSpec());
        AttackRecord record = AttackRecord.of(model.info(), "x.png", o, 0, true, before, after,
                visible.amplification());

        JsonNode root = ReportJson.parse(AttackJson.toJson(record));
        assertEquals("fgsm", root.get("attack").get("name").asText());
        assertEquals(0.5, root.get("attack").get("eps").asDouble());
        assertEquals(3, root.get("attack").get("params").get("seed").asInt());
        assertEquals(0, root.get("label").get("class").asInt());
        assertEquals("clean_prediction", root.get("label").get("source").asText());
        assertEquals(3, root.get("before").get("probabilities").size());
        assertEquals(after.predicted(), root.get("after").get("class").asInt());
        assertEquals(o.success()[0], root.get("success").asBoolean());
        assertEquals(o.linf()[0], root.get("norms").get("linf").asDouble(), 1e-12);
        assertEquals(o.l2()[0], root.get("norms").get("l2").asDouble(), 1e-12);
        assertEquals(o.l0()[0], root.get("norms").get("l0").asDouble());
        assertEquals(visible.amplification(), root.get("perturbation_image").get("amplification").asDouble());
        assertEquals("0123abcd", root.get("model").get("sha256").asText());
        assertTrue(root.get("provenance").get("created").asText().endsWith("Z"));
    }

    @Test
    void rejectsAPredictionThatDisagreesWithTheVerifiedOutcome() {
        LinearTestClassifier model = new LinearTestClassifier();
        Images clean = new Images(new float[] {0.9f, 0.1f, 0.2f, 0.3f}, 1, 1, 2, 2);
        AttackOutcome o = AttackRunner.run(Attacks.byName("fgsm"), model, clean, new int[] {0}, new double[] {0.0},
                Attacks.byName("fgsm").defaults(), CancellationToken.create()).get(0);
        Prediction wrong = new Prediction(2, new float[] {0.1f, 0.1f, 0.8f}, new float[] {0, 0, 2});
        assertThrows(IllegalArgumentException.class,
                () -> AttackRecord.of(model.info(), "", o, 0, false, wrong, wrong, 1.0));
    }

    @Test
    void perturbationImageMapsTheLargestChangeToTheEdgeAndZeroToMidGrey() {
        Images clean = new Images(new float[] {0.5f, 0.5f, 0.2f, 0.9f}, 1, 1, 2, 2);
        Images adv = new Images(new float[] {0.6f, 0.5f, 0.1f, 0.95f}, 1, 1, 2, 2);
        PerturbationImage p = PerturbationImage.of(clean, adv, LinearTestClassifier.info("").input());
        assertEquals(5.0, p.amplification(), 1e-5);
        float[] v = p.image().pixels();
        assertEquals(1.0, v[0], 1e-5);
        assertEquals(0.5, v[1], 1e-6);
        assertEquals(0.0, v[2], 1e-5);
        assertEquals(0.75, v[3], 1e-5);
        PerturbationImage none = PerturbationImage.of(clean, clean, LinearTestClassifier.info("").input());
        assertEquals(1.0, none.amplification());
        assertEquals(List.of(0.5f, 0.5f, 0.5f, 0.5f), List.of(none.image().pixels()[0], none.image().pixels()[1],
                none.image().pixels()[2], none.image().pixels()[3]));
    }
}
