package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code advlens defend} reports a defence against plain and adaptive attacks; bad settings fail clearly. */
class DefendCommandTest {

    @Test
    void featureSqueezingReportsDetectionAndRobustAccuracyAsJson() throws Exception {
        // given 8 bundled images and short attacks
        Cli r = Cli.run("defend", "--defence", "feature-squeezing", "--limit", "8", "--eps", "0.1", "--steps", "5",
                "--fpr", "0.25", "--seed", "2", "--json");
        // then the report holds the threshold at the rate asked for and both attacks' figures
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("feature-squeezing", root.get("defence").get("name").asText());
        assertEquals(8, root.get("data").get("size").asInt());
        assertTrue(root.get("threshold").get("fpr").asDouble() <= 0.25);
        assertEquals(0.25, root.get("threshold").get("requested_fpr").asDouble());
        assertEquals("pgd", root.get("detection").get("plain").get("attack").asText());
        assertEquals("fs-adaptive", root.get("detection").get("adaptive").get("attack").asText());
        double exact = root.get("robust_accuracy").get("pgd_exact_gradient").asDouble();
        double bpda = root.get("robust_accuracy").get("bpda_pgd").asDouble();
        assertTrue(bpda <= exact, "BPDA-PGD is the stronger attack on the squeezed classifier: " + r.out());
    }

    @Test
    void magnetRunsWithTheBundledAutoencoder() throws Exception {
        Cli r = Cli.run("defend", "--defence", "magnet", "--limit", "4", "--steps", "2", "--fpr", "0.3", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("magnet", root.get("defence").get("name").asText());
        assertEquals("magnet-adaptive", root.get("detection").get("adaptive").get("attack").asText());
    }

    @Test
    void impossibleSettingsNameTheValue() {
        Cli bits = Cli.run("defend", "--bits", "0", "--limit", "1");
        assertNotEquals(0, bits.exitCode());
        assertTrue(bits.err().contains("bit depth must be in [1, 16], got 0"), bits.err());
        Cli median = Cli.run("defend", "--median", "2", "--limit", "1");
        assertTrue(median.err().contains("median filter size must be odd and in [1, 31], got 2"), median.err());
        Cli fpr = Cli.run("defend", "--fpr", "1", "--limit", "1");
        assertTrue(fpr.err().contains("false-positive rate must be in (0, 1), got 1.0"), fpr.err());
        Cli name = Cli.run("defend", "--defence", "astrology", "--limit", "1");
        assertNotEquals(0, name.exitCode());
        assertTrue(name.err().contains("unknown defence 'astrology'"), name.err());
    }
}
