package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advlens concepts} prints the concepts as JSON and draws the atlas; bad settings fail with the value named. */
class ConceptsCommandTest {

    @TempDir
    Path dir;

    @Test
    void explainsTheFirstSandalThroughConv2WithReferenceImages() throws Exception {
        // given the first sandal among 60 bundled test images, 2 concepts with 3 references each
        Path png = dir.resolve("atlas.png");
        Cli r = Cli.run("concepts", "--classes", "Sandal", "--limit", "60", "--top", "2", "--references", "3",
                "--atlas", png.toString());

        // then the JSON names the layer, the concepts and their references, with the conservation sums
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out().substring(r.out().indexOf('{')));
        assertEquals("concept-atlas", root.get("kind").asText());
        assertEquals("conv2", root.get("layer").asText());
        assertEquals(60, root.get("reference_data").get("images_searched").asInt());
        JsonNode image = root.get("images").get(0);
        assertTrue(image.get("image").asText().endsWith("#8"), image.get("image").asText());
        assertEquals(32, image.get("channel_relevance").size());
        double logit = image.get("conservation").get("target_logit").asDouble();
        assertTrue(logit > 0, "the explained class has a positive logit: " + logit);
        JsonNode concepts = image.get("concepts");
        assertEquals(2, concepts.size());
        assertTrue(concepts.get(0).get("relevance").asDouble() >= concepts.get(1).get("relevance").asDouble());
        assertEquals(3, concepts.get(0).get("references").size());
        assertEquals("lrp-composite", root.get("parameters").get("composite").asText());
        BufferedImage atlas = ImageIO.read(png.toFile());
        assertTrue(atlas.getWidth() > 7 * 3 * 28, "image, heatmap, concept map and 3 reference pairs: "
                + atlas.getWidth());
    }

    @Test
    void unknownCompositesLayersAndBadCountsAreRefused() {
        Cli composite = Cli.run("concepts", "--composite", "lrp-magic", "--limit", "5");
        assertNotEquals(0, composite.exitCode());
        assertTrue(composite.err().contains("unknown LRP composite 'lrp-magic'"), composite.err());
        Cli layer = Cli.run("concepts", "--layer", "conv9", "--limit", "5");
        assertTrue(layer.err().contains("no layer 'conv9'") && layer.err().contains("conv1"), layer.err());
        Cli output = Cli.run("concepts", "--layer", "output", "--limit", "5");
        assertTrue(output.err().contains("output layer"), output.err());
        Cli both = Cli.run("concepts", "--index", "1", "--classes", "0", "--limit", "5");
        assertTrue(both.err().contains("either --index or --classes"), both.err());
        Cli eps = Cli.run("saliency", "--methods", "lrp-epsilon", "--lrp-epsilon", "-1", "--out",
                dir.resolve("maps").toString());
        assertTrue(eps.err().contains("epsilon must be finite and >= 0, got -1.0"), eps.err());
    }
}
