package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code advlens certify} prints certified accuracy by radius; bad settings of certify and train fail clearly. */
class CertifyAndTrainCommandTest {

    @Test
    void certifyPrintsCertifiedAccuracyThatFallsWithTheRadius() throws Exception {
        // given 5 bundled images and a small sample count
        Cli r = Cli.run("certify", "--limit", "5", "--n0", "20", "--n", "500", "--batch", "250", "--radii",
                "0,0.5,2");
        // when certified, then the JSON has a non-increasing certified accuracy and one certificate per image
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode curve = root.get("certified_accuracy");
        assertEquals(3, curve.size());
        assertTrue(curve.get(0).get("accuracy").asDouble() >= curve.get(1).get("accuracy").asDouble());
        assertEquals(0.0, curve.get(2).get("accuracy").asDouble(), "no certificate reaches 2 at sigma 0.25 and n 500");
        assertEquals(5, root.get("images").size());
        assertEquals(0.25, root.get("smoothing").get("sigma").asDouble());
    }

    @Test
    void impossibleSettingsNameTheValue() {
        Cli sigma = Cli.run("certify", "--sigma", "0", "--limit", "1");
        assertNotEquals(0, sigma.exitCode());
        assertTrue(sigma.err().contains("sigma must be in (0, 10], got 0.0"), sigma.err());
        Cli method = Cli.run("train", "--method", "astrology", "--out", "never.zip", "--data", ".");
        assertNotEquals(0, method.exitCode());
        assertTrue(method.err().contains("unknown training method 'astrology'"), method.err());
        Cli temperature = Cli.run("train", "--method", "distillation", "--temperature", "0", "--out", "never.zip",
                "--data", ".");
        assertNotEquals(0, temperature.exitCode());
        assertTrue(temperature.err().contains("distillation temperature must be in (0, 10000], got 0.0"),
                temperature.err());
        Cli beta = Cli.run("train", "--method", "trades", "--trades-beta", "-1", "--out", "never.zip", "--data", ".");
        assertTrue(beta.err().contains("TRADES beta must be in (0, 1000], got -1.0"), beta.err());
        Cli layers = Cli.run("train", "--method", "manifold-mixup", "--mixup-layers", "-1", "--out", "never.zip",
                "--data", ".");
        assertTrue(layers.err().contains("manifold mixup needs one or more layer indices (0 is the image), got [-1]"),
                layers.err());
        Cli alpha = Cli.run("train", "--method", "mixup", "--mixup-alpha", "0", "--out", "never.zip", "--data", ".");
        assertNotEquals(0, alpha.exitCode());
        assertTrue(alpha.err().contains("mixup alpha must be in (0, 100], got 0.0"), alpha.err());
    }
}
