package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code advlens faithfulness} on the bundled model, kept small. */
class FaithfulnessCommandTest {

    @Test
    void printsTheTableAsJsonWithARandomOrderRow() throws Exception {
        Cli r = Cli.run("faithfulness", "--methods", "gradient,gradient-x-input", "--limit", "2", "--steps", "5",
                "--subsets", "5", "--sensitivity-samples", "2", "--seed", "3", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(2, root.get("images").asInt());
        assertEquals(3, root.get("options").get("seed").asInt());
        JsonNode rows = root.get("methods");
        assertEquals(3, rows.size());
        assertEquals("random-order", rows.get(2).get("method").asText());
        JsonNode gradient = rows.get(0);
        assertEquals(6, gradient.get("deletion_curve").size());
        assertEquals(2, gradient.get("deletion_auc").get("per_image").size());
        assertTrue(gradient.get("max_sensitivity").get("mean").asDouble() >= 0);
    }

    @Test
    void badStepsAreAUsageErrorNamingTheValue() {
        Cli r = Cli.run("faithfulness", "--methods", "gradient", "--limit", "1", "--steps", "0");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("got 0"), r.toString());
    }
}
