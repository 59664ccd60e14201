package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saliency, sanity and counterfactual commands end to end on the bundled model, kept small. */
class AnalysisCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void saliencyWritesAPngAndRawValuesPerMethod() throws IOException {
        Path out = dir.resolve("saliency");
        Cli r = Cli.run("saliency", "--methods", "gradient,gradcam", "--index", "0", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (String f : new String[] {"image0-gradient.png", "image0-gradient.npy", "image0-gradcam.png",
            "image0-gradcam.npy"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        byte[] npy = Files.readAllBytes(out.resolve("image0-gradient.npy"));
        assertEquals((byte) 0x93, npy[0]);
        assertEquals("NUMPY", new String(npy, 1, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void sanityWritesCurvesAndGridsAndRandomisationLowersGradientSimilarity() throws IOException {
        Path out = dir.resolve("sanity");
        Cli r = Cli.run("sanity", "--methods", "gradient", "--images", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.size(out.resolve("sanity-cascading.csv")) > 0);
        assertTrue(Files.size(out.resolve("sanity-cascading-grid-0.png")) > 0);
        JsonNode root = JSON.readTree(out.resolve("sanity-cascading.json").toFile());
        assertTrue(root.toString().contains("spearman"), "similarity curves present");
    }

    @Test
    void counterfactualReachesTheTargetAndWritesItsPictures() throws IOException {
        Path out = dir.resolve("cf");
        Cli r = Cli.run("counterfactual", "--target", "Shirt", "--kind", "pixel", "--index", "0", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.size(out.resolve("image0-pixel.png")) > 0);
        assertTrue(Files.size(out.resolve("image0-pixel-path.png")) > 0);
        JsonNode root = JSON.readTree(out.resolve("counterfactuals.json").toFile());
        assertEquals(1.0, root.get("summary").get("pixel").get("success_rate").asDouble());
        JsonNode first = root.get("counterfactuals").get(0);
        assertEquals(6, first.get("target_class").asInt());
        assertEquals(6, first.get("predicted_class").asInt());
    }

    @Test
    void onManifoldCounterfactualTakesItsPrototypeSettingsAndWritesTheChangeMap() throws IOException {
        Path out = dir.resolve("cf-latent");
        Cli r = Cli.run("counterfactual", "--target", "T-shirt/top", "--kind", "latent", "--index", "4",
                "--prototype-weight", "5", "--prototype-neighbours", "12", "--max-steps", "60", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (String f : new String[] {"image4-latent.png", "image4-latent-difference.png", "image4-latent-change.png",
            "image4-latent-path.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode root = JSON.readTree(out.resolve("counterfactuals.json").toFile());
        JsonNode parameters = root.get("latent").get("parameters");
        assertEquals(5.0, parameters.get("prototype_weight").asDouble());
        assertEquals(12, parameters.get("prototype_neighbours").asInt());
        assertEquals(60, parameters.get("max_steps").asInt());
        JsonNode first = root.get("counterfactuals").get(0);
        assertEquals(0, first.get("target_class").asInt());
        assertTrue(first.get("steps").asInt() <= 60, first.toString());
    }

    @Test
    void trainGeneratorLearnsFromUnnamedIdxDataAndTheCounterfactualCommandUsesIt() throws IOException {
        // given IDX files without class names, labels next to the images
        Path images = dir.resolve("mine-images-idx3-ubyte.gz");
        for (String kind : new String[] {"images-idx3", "labels-idx1"}) {
            try (java.io.InputStream in = getClass().getResourceAsStream("/advlens/data/fashion-mnist-train-2000-"
                    + kind + "-ubyte.gz")) {
                Files.copy(in, dir.resolve("mine-" + kind + "-ubyte.gz"));
            }
        }
        Path generator = dir.resolve("mine.zip");
        Cli train = Cli.run("train-generator", "--data", images.toString(), "--epochs", "1", "--limit", "600",
                "--out", generator.toString());
        assertEquals(0, train.exitCode(), train.toString());
        assertTrue(train.out().contains("test reconstruction MSE"), train.out());
        Path out = dir.resolve("cf-mine");
        Cli cf = Cli.run("counterfactual", "--target", "Sneaker", "--kind", "latent", "--index", "0", "--generator",
                generator.toString(), "--max-steps", "20", "--out", out.toString());
        assertEquals(0, cf.exitCode(), cf.toString());
        JsonNode root = JSON.readTree(out.resolve("counterfactuals.json").toFile());
        assertTrue(root.get("latent").get("parameters").get("generator").asText().endsWith("mine.zip"));
    }

    @Test
    void benchTimesBothCounterfactualSearches() throws IOException {
        Cli r = Cli.run("bench", "--counterfactuals", "--cf-images", "2", "--cf-single", "1");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = JSON.readTree(r.out());
        JsonNode timings = root.get("counterfactuals");
        assertEquals(2, timings.size(), r.out());
        assertEquals("pixel", timings.get(0).get("method").asText());
        assertEquals("latent", timings.get(1).get("method").asText());
        for (JsonNode t : timings) {
            assertEquals(2, t.get("images").asInt());
            assertTrue(t.get("images_per_second").asDouble() > 0, t.toString());
            assertTrue(t.get("single_image_seconds").get("median").asDouble() > 0, t.toString());
        }
        assertEquals(20, timings.get(1).get("parameters").get("prototype_neighbours").asInt());
    }

    @Test
    void badArgumentsGiveAClearErrorAndANonZeroExit() {
        Cli unknownMethod = Cli.run("saliency", "--methods", "astrology", "--out", dir.toString());
        assertNotEquals(0, unknownMethod.exitCode());
        assertTrue(unknownMethod.err().contains("astrology"), unknownMethod.err());
        Cli badTarget = Cli.run("counterfactual", "--target", "42", "--kind", "pixel", "--out", dir.toString());
        assertNotEquals(0, badTarget.exitCode());
        assertTrue(badTarget.err().contains("42"), badTarget.err());
        Cli badNeighbours = Cli.run("counterfactual", "--target", "Shirt", "--kind", "latent",
                "--prototype-neighbours", "0", "--out", dir.toString());
        assertNotEquals(0, badNeighbours.exitCode());
        assertTrue(badNeighbours.err().contains("prototypeNeighbours must be in [1, 1000], got 0"),
                badNeighbours.err());
    }

    @Test
    void benchTimesCertificationWithTheDocumentedSettings() throws Exception {
        Cli r = Cli.run("bench", "--certification", "--cert-images", "2");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode c = JSON.readTree(r.out()).get("certification");
        assertEquals(2, c.get("images").asInt());
        assertEquals(10_000, c.get("n").asInt());
        assertEquals(2 * 10_100, c.get("noisy_forward_passes").asLong());
        assertTrue(c.get("forward_passes_per_second").asDouble() > 0, c.toString());
        double accuracy = c.get("certified_accuracy_at_0").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, c.toString());
    }
}
