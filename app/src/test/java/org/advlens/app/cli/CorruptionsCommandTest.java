package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advlens corruptions} prints the documented JSON, draws its pictures, and rejects unknown names clearly. */
class CorruptionsCommandTest {

    @Test
    void printsTheDocumentedJsonAndWritesTheGalleryAndHeatmap(@TempDir Path dir) throws Exception {
        // given 8 bundled images, two corruptions at two severities, the robust model as baseline
        Path gallery = dir.resolve("gallery.png");
        Path heatmap = dir.resolve("heatmap.png");
        Cli r = Cli.run("corruptions", "--limit", "8", "--corruptions", "gaussian_noise,saturate", "--severities",
                "1,5", "--baseline", "robust", "--perturbations", "brightness", "--frames", "4", "--json",
                "--gallery", gallery.toString(), "--heatmap", heatmap.toString());
        // then the JSON has one row per corruption with one error per severity, and both pictures are PNGs
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("advlens-corruptions/1", root.get("format").asText());
        assertEquals("model", root.get("settings").get("baseline").asText());
        assertEquals(2, root.get("corruptions").size());
        JsonNode noise = root.get("corruptions").get(0);
        assertEquals("gaussian_noise", noise.get("name").asText());
        assertEquals(2, noise.get("errors").size());
        assertTrue(noise.get("ce").isNumber());
        assertTrue(root.get("corruptions").get(1).get("relative_ce").isNull(), "saturate leaves grey images as "
                + "they are, so the baseline does not degrade");
        assertEquals(8, root.get("data").get("size").asInt());
        assertEquals(1, root.get("perturbations").get("sequences").size());
        assertTrue(Files.size(gallery) > 0 && ImageIO.read(gallery.toFile()) != null);
        assertTrue(Files.size(heatmap) > 0 && ImageIO.read(heatmap.toFile()) != null);
    }

    @Test
    void unknownCorruptionsAndBadSeveritiesFailWithOneClearLine() {
        Cli rain = Cli.run("corruptions", "--limit", "2", "--corruptions", "fog,rain");
        assertNotEquals(0, rain.exitCode());
        assertTrue(rain.err().contains("unknown corruption 'rain': expected one of gaussian_noise"), rain.err());
        Cli sev = Cli.run("corruptions", "--limit", "2", "--severities", "0-3");
        assertNotEquals(0, sev.exitCode());
        assertTrue(sev.err().contains("severities must be 1 to 5, got 0"), sev.err());
    }

    @Test
    void severitiesParseAsRangesAndLists() {
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, CorruptionsCommand.parseSeverities("1-5"));
        assertArrayEquals(new int[] {1, 3, 4, 5}, CorruptionsCommand.parseSeverities("1, 3-5"));
        assertThrows(IllegalArgumentException.class, () -> CorruptionsCommand.parseSeverities("five"));
        assertThrows(IllegalArgumentException.class, () -> CorruptionsCommand.parseSeverities("4-2"));
    }
}
