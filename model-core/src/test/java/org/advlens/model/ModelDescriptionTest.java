package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptionTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsThroughJson() throws IOException {
        InputSpec spec = new InputSpec(3, 32, 30, ChannelOrder.NHWC, -1, 1, new double[] {0.1, 0.2, 0.3},
                new double[] {0.5, 0.6, 0.7});
        ModelDescription d = new ModelDescription("cifar net", spec, List.of("cat", "dog"));
        assertEquals(d, ModelDescription.fromJson(d.toJson()));
        Path file = dir.resolve("m.zip.json");
        d.write(file);
        assertEquals(d, ModelDescription.read(file));
        ModelDescription unnamed = new ModelDescription(null, InputSpec.grey(28, 28), List.of("x", "y"));
        assertEquals(unnamed, ModelDescription.fromJson(unnamed.toJson()));
    }

    @Test
    void writesTheDocumentedShape() {
        String json = new ModelDescription("n", InputSpec.grey(28, 28), List.of("x", "y")).toJson();
        String compact = json.replaceAll("\\s", "");
        assertTrue(compact.contains("\"input\":{\"channels\":1,\"height\":28,\"width\":28,\"layout\":\"NCHW\","
                + "\"bounds\":[0.0,1.0],\"mean\":null,\"std\":null}"), json);
        assertTrue(compact.contains("\"classes\":[\"x\",\"y\"]"), json);
    }

    @Test
    void fillsDefaultsForOptionalFields() {
        ModelDescription d = ModelDescription.fromJson(
                "{\"input\": {\"channels\": 1, \"height\": 28, \"width\": 28}, \"classes\": [\"a\", \"b\"]}");
        assertNull(d.name());
        assertEquals(InputSpec.grey(28, 28), d.input());
        assertEquals(ChannelOrder.NHWC, ModelDescription.fromJson("{\"input\": {\"channels\": 1, \"height\": 2,"
                + " \"width\": 2, \"layout\": \"nhwc\"}, \"classes\": [\"a\", \"b\"]}").input().layout());
    }

    @Test
    void rejectsBadDescriptionsNamingTheField() {
        assertMessage("\"input\" is missing", "{\"classes\": [\"a\", \"b\"]}");
        assertMessage("input.height must be an integer, got \"x\"",
                "{\"input\": {\"channels\": 1, \"height\": \"x\", \"width\": 2}, \"classes\": [\"a\", \"b\"]}");
        assertMessage("input.layout must be NCHW or NHWC",
                "{\"input\": {\"channels\": 1, \"height\": 2, \"width\": 2, \"layout\": \"CHW\"}, \"classes\": [\"a\", \"b\"]}");
        assertMessage("input.bounds must be [lower, upper]",
                "{\"input\": {\"channels\": 1, \"height\": 2, \"width\": 2, \"bounds\": [0]}, \"classes\": [\"a\", \"b\"]}");
        assertMessage("bounds must be finite with lower < upper",
                "{\"input\": {\"channels\": 1, \"height\": 2, \"width\": 2, \"bounds\": [1, 0]}, \"classes\": [\"a\", \"b\"]}");
        assertMessage("at least two class names",
                "{\"input\": {\"channels\": 1, \"height\": 2, \"width\": 2}, \"classes\": [\"a\"]}");
        assertMessage("not valid JSON", "{\"input\": ");
    }

    @Test
    void readNamesTheFile() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[]");
        IOException e = assertThrows(IOException.class, () -> ModelDescription.read(file));
        assertTrue(e.getMessage().startsWith("broken.json: invalid model description"), e.getMessage());
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDescription.fromJson(json));
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
    }
}
