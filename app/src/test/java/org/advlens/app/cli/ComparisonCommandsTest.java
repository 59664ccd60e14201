package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advlens transfer-matrix} and {@code advlens agreement} on the bundled models; bad input is refused. */
class ComparisonCommandsTest {

    @TempDir
    Path dir;

    @Test
    void transferMatrixOfTheBundledModelsAsJson() throws Exception {
        // given FGSM at 0.1 on 20 images, crafted on the standard and the robust model
        Path json = dir.resolve("matrix.json");
        Cli r = Cli.run("transfer-matrix", "--models", "bundled,bundled-robust", "--attack", "fgsm", "--eps", "0.1",
                "--limit", "20", "--json", json.toString());

        // then the matrix is printed and written, and the robust model keeps more than the standard one
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("from\\to"), r.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, root.get("models").size());
        JsonNode a = root.get("accuracy");
        assertEquals(a.get(0).get(0).asDouble(), root.get("white_box_accuracy").get(0).asDouble());
        assertTrue(a.get(1).get(1).asDouble() > a.get(0).get(0).asDouble(), a.toString());
        assertEquals(20, root.get("data").get("size").asInt());
        assertEquals(64, root.get("models").get(1).get("sha256").asText().length());
    }

    @Test
    void agreementOfTheBundledModels() throws Exception {
        Path json = dir.resolve("agreement.json");
        Cli r = Cli.run("agreement", "--compare", "bundled-robust", "--limit", "50", "--show", "3",
                "--json", json.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("kappa"), r.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        double agreement = root.get("agreement").asDouble();
        assertTrue(agreement > 0.5 && agreement < 1, "the two models mostly agree: " + agreement);
        assertEquals(Math.round(50 * (1 - agreement)), root.get("disagreements").size());
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        Cli one = Cli.run("transfer-matrix", "--models", "bundled");
        assertNotEquals(0, one.exitCode());
        assertTrue(one.err().contains("at least two models, got 1"), one.err());
        Cli missing = Cli.run("agreement", "--compare", dir.resolve("none.zip").toString());
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.err().contains("none.zip"), missing.err());
        Cli eps = Cli.run("transfer-matrix", "--models", "bundled,bundled", "--eps", "-1", "--limit", "2");
        assertTrue(eps.err().contains("got -1.0"), eps.err());
    }
}
