package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advlens ood} and {@code advlens calibration} print their documented JSON; bad input fails clearly. */
class OodAndCalibrationCommandTest {

    @TempDir
    Path dir;

    @Test
    void oodPrintsMetricsPerScoreAndSet() throws Exception {
        // given 100 bundled images, two built-in OOD sets and the logit scores
        Path file = dir.resolve("ood.json");
        Cli r = Cli.run("ood", "--limit", "100", "--ood", "uniform,inverted", "--scores", "msp,energy,odin",
                "--json", file.toString());
        // then there is one result per score and set, with metrics in [0, 1], a ROC curve and histograms
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(1, root.get("format_version").asInt());
        assertEquals(100, root.get("data").get("size").asInt());
        assertEquals(2, root.get("ood_sets").size());
        assertEquals(6, root.get("results").size());
        for (JsonNode e : root.get("results")) {
            double auroc = e.get("auroc").asDouble();
            assertTrue(auroc >= 0 && auroc <= 1, e.toString());
            assertTrue(e.get("fpr_at_95_tpr").asDouble() >= 0);
            JsonNode roc = e.get("roc");
            assertEquals(0.0, roc.get(0).get(0).asDouble());
            assertEquals(1.0, roc.get(roc.size() - 1).get(1).asDouble());
            assertEquals(30, e.get("histogram").get("in").size());
        }
        assertTrue(r.err().contains("AUROC/FPR95"), r.err());
        assertEquals(root, new ObjectMapper().readTree(Files.readString(file)));
    }

    @Test
    void heldOutClassesBecomeAnOodSetAndLeaveTheInDistributionImages() throws Exception {
        // given 100 bundled images of which classes 8 and 9 are held out
        Cli r = Cli.run("ood", "--limit", "100", "--ood", "uniform", "--scores", "msp", "--held-out-classes", "8,9");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        org.advlens.data.LabelledDataset bundled = org.advlens.data.Datasets.bundledEvaluation().limit(100);
        long held = java.util.Arrays.stream(bundled.labels()).filter(y -> y >= 8).count();
        // then the held-out images are an OOD set of their own and the rest are the in-distribution images
        assertEquals("held-out", root.get("ood_sets").get(0).get("name").asText(), root.get("ood_sets").toString());
        assertEquals(held, root.get("ood_sets").get(0).get("size").asInt());
        assertEquals(100 - held, root.get("data").get("size").asInt());
        assertEquals(2, root.get("results").size());
        Cli bad = Cli.run("ood", "--limit", "10", "--scores", "msp", "--held-out-classes", "12");
        assertTrue(bad.err().contains("class 12 is not one of the model's classes 0 to 9"), bad.err());
    }

    @Test
    void oodFolderOfTheWrongSizeIsRefusedUnlessResized() throws Exception {
        // given a folder of 32x32 images for a 28x28 model
        Path folder = Files.createDirectories(dir.resolve("big"));
        for (int i = 0; i < 3; i++) {
            BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSample(i, i, 0, 200);
            ImageIO.write(image, "png", folder.resolve("img" + i + ".png").toFile());
        }
        Cli refused = Cli.run("ood", "--limit", "20", "--ood", folder.toString(), "--scores", "msp");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.err().contains("has images of 1x32x32 but the model takes 1x28x28"), refused.err());
        assertTrue(refused.err().contains("--ood-resize"), refused.err());
        // when resizing is asked for, then the three images are scored
        Cli resized = Cli.run("ood", "--limit", "20", "--ood", folder.toString(), "--ood-resize", "--scores", "msp");
        assertEquals(0, resized.exitCode(), resized.toString());
        assertEquals(3, new ObjectMapper().readTree(resized.out()).get("ood_sets").get(0).get("size").asInt());
    }

    @Test
    void oodBadSettingsNameTheValue() {
        Cli score = Cli.run("ood", "--limit", "5", "--scores", "entropy");
        assertTrue(score.err().contains("unknown OOD score 'entropy'"), score.err());
        Cli set = Cli.run("ood", "--limit", "5", "--ood", "no-such-set", "--scores", "msp");
        assertTrue(set.err().contains("'no-such-set' is neither a built-in set"), set.err());
        Cli temperature = Cli.run("ood", "--limit", "5", "--scores", "msp", "--odin-temperature", "0");
        assertTrue(temperature.err().contains("temperature must be positive and finite, got 0.0"), temperature.err());
    }

    @Test
    void calibrationReportsBeforeAndAfterTemperatureScaling() throws Exception {
        Cli r = Cli.run("calibration", "--limit", "200", "--bins", "10", "--risk", "0.05");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode fit = root.get("temperature_scaling");
        assertTrue(fit.get("temperature").asDouble() > 0);
        // the fit lowers the NLL where it was fitted
        assertTrue(fit.get("fit_nll_after").asDouble() <= fit.get("fit_nll_before").asDouble());
        assertEquals(100, root.get("before").get("count").asInt());
        assertEquals(10, root.get("before").get("reliability").size());
        // scaling by a temperature changes no prediction
        assertEquals(root.get("before").get("accuracy"), root.get("after").get("accuracy"));
        JsonNode msp = root.get("selective").get("msp");
        assertTrue(msp.get("aurc").asDouble() >= 0 && msp.get("e_aurc").asDouble() >= -1e-12, msp.toString());
        assertEquals(1.0, msp.get("curve").get(msp.get("curve").size() - 1).get(0).asDouble());
    }

    @Test
    void calibrationUnderACorruptionKeepsTheCleanTemperature() throws Exception {
        Cli clean = Cli.run("calibration", "--limit", "200");
        Cli noisy = Cli.run("calibration", "--limit", "200", "--corruption", "gaussian_noise", "--severity", "5");
        assertEquals(0, noisy.exitCode(), noisy.toString());
        JsonNode a = new ObjectMapper().readTree(clean.out());
        JsonNode b = new ObjectMapper().readTree(noisy.out());
        assertEquals("gaussian_noise", b.get("settings").get("corruption").asText());
        assertEquals(5, b.get("settings").get("severity").asInt());
        // the temperature comes from the clean calibration split; the noise costs accuracy and calibration
        assertEquals(a.get("temperature_scaling").get("temperature"), b.get("temperature_scaling").get("temperature"));
        assertTrue(b.get("before").get("accuracy").asDouble() < a.get("before").get("accuracy").asDouble());
        assertTrue(b.get("before").get("ece").asDouble() > a.get("before").get("ece").asDouble());
        Cli rain = Cli.run("calibration", "--limit", "20", "--corruption", "rain");
        assertTrue(rain.err().contains("unknown corruption 'rain'"), rain.err());
    }

    @Test
    void calibrationBadSettingsNameTheValue() {
        Cli bins = Cli.run("calibration", "--limit", "20", "--bins", "0");
        assertNotEquals(0, bins.exitCode());
        assertTrue(bins.err().contains("bins must be in [1, 10000], got 0"), bins.err());
        Cli risk = Cli.run("calibration", "--limit", "20", "--risk", "1.5");
        assertTrue(risk.err().contains("target risk must be in [0, 1], got 1.5"), risk.err());
        Cli split = Cli.run("calibration", "--limit", "1");
        assertTrue(split.err().contains("both need at least one"), split.err());
    }
}
