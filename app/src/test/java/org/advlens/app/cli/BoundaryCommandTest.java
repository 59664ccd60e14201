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

/** {@code advlens boundary} writes the plane's PNG and JSON; bad settings fail with the value named. */
class BoundaryCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTwoPlanesSideBySideAndTheGridAsJson() throws Exception {
        // given a small grid through bundled image 3, the standard model compared with the robust one
        Path png = dir.resolve("plane.png");
        Path json = dir.resolve("plane.json");
        Cli r = Cli.run("boundary", "--index", "3", "--u", "gradient", "--v", "random", "--resolution", "11",
                "--extent", "4", "--compare", "robust", "--out", png.toString(), "--json", json.toString());

        // then both planes are reported and drawn side by side
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("margin along u"), r.out());
        BufferedImage picture = ImageIO.read(png.toFile());
        assertTrue(picture.getWidth() > 2 * 480, "two 480-pixel planes: " + picture.getWidth());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, root.get("planes").size());
        for (JsonNode p : root.get("planes")) {
            assertEquals(11, p.get("predicted").size());
            assertEquals(11, p.get("predicted").get(0).size());
            assertEquals(4.0, p.get("extent_a").asDouble());
            assertTrue(p.get("adversarial").isNull(), "no attack direction, no adversarial marker");
            // the centre cell is the image itself
            assertEquals(p.get("original_class").asInt(), p.get("predicted").get(5).get(5).asInt());
            double c = p.get("confidence").get(5).get(5).asDouble();
            assertTrue(c > 0 && c <= 1, "confidence " + c);
        }
    }

    @Test
    void parallelDirectionsAndBadGridsAreRefused() {
        Cli parallel = Cli.run("boundary", "--u", "gradient", "--v", "gradient", "--resolution", "5",
                "--out", dir.resolve("p.png").toString());
        assertNotEquals(0, parallel.exitCode());
        assertTrue(parallel.err().contains("parallel"), parallel.err());
        Cli grid = Cli.run("boundary", "--resolution", "1", "--out", dir.resolve("g.png").toString());
        assertTrue(grid.err().contains("resolution must be in [2, 1001], got 1"), grid.err());
        Cli extent = Cli.run("boundary", "--extent", "wide", "--out", dir.resolve("e.png").toString());
        assertTrue(extent.err().contains("got 'wide'"), extent.err());
        Cli direction = Cli.run("boundary", "--u", "sideways", "--out", dir.resolve("d.png").toString());
        assertTrue(direction.err().contains("unknown direction 'sideways'"), direction.err());
    }
}
