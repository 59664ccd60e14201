package org.advlens.app.faithfulness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.FaithfulnessOptions;
import org.advlens.saliency.faithfulness.FaithfulnessResult;
import org.advlens.saliency.faithfulness.MethodScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaithfulnessCsvTest {

    @TempDir
    Path dir;

    private static ModelFaithfulness table(String label, double shift) {
        ModelInfo info = new ModelInfo(label, "memory", "abc", ModelFormat.ANALYTIC, InputSpec.grey(2, 2),
                List.of("a", "b"), 4, List.of(), false);
        Map<FaithfulnessMetric, double[]> gradient = new EnumMap<>(FaithfulnessMetric.class);
        gradient.put(FaithfulnessMetric.DELETION_AUC, new double[] {0.125 + shift, 0.25 + shift});
        gradient.put(FaithfulnessMetric.INSERTION_AUC, new double[] {0.75, 0.875});
        Map<FaithfulnessMetric, double[]> random = new EnumMap<>(FaithfulnessMetric.class);
        random.put(FaithfulnessMetric.DELETION_AUC, new double[] {0.5, Double.NaN});
        double[] curve = {1, 0.5, 0};
        List<MethodScores> rows = List.of(new MethodScores("gradient", gradient, curve, curve, curve),
                new MethodScores(MethodScores.RANDOM_ORDER, random, curve, curve, curve));
        FaithfulnessResult result = new FaithfulnessResult(rows, 2, new int[] {1, 0},
                FaithfulnessOptions.defaults(), Map.of("gradient", Map.of("batch", 64)), 0.5);
        return new ModelFaithfulness(label, info, result);
    }

    @Test
    void oneRowPerModelMethodImageAndMeasure() {
        // given two models' tables, the second named with a comma and a quote
        FaithfulnessComparison c = new FaithfulnessComparison("toy", List.of(table("plain", 0),
                table("robust, \"AT\"", 0.5)));
        // when written as CSV
        List<String> lines = FaithfulnessCsv.of(c).lines().toList();
        // then: the header, then per model 2 images x 2 measures of gradient and 2 images of random-order
        assertEquals(FaithfulnessCsv.HEADER, lines.get(0));
        assertEquals(1 + 2 * (4 + 2), lines.size());
        assertEquals("plain,gradient,0,1,deletion_auc,0.125000,false", lines.get(1));
        assertEquals("plain,gradient,1,0,deletion_auc,0.250000,false", lines.get(2));
        assertEquals("plain,gradient,0,1,insertion_auc,0.750000,true", lines.get(3));
        assertEquals("plain,random-order,1,0,deletion_auc,NaN,false", lines.get(6));
        assertEquals("\"robust, \"\"AT\"\"\",gradient,1,0,deletion_auc,0.750000,false", lines.get(8));
        // and no measure a row lacks appears
        assertFalse(lines.stream().anyMatch(l -> l.contains("random-order") && l.contains("insertion")));
    }

    @Test
    void theFormatIsChosenByTheExtension() throws Exception {
        FaithfulnessComparison one = new FaithfulnessComparison("toy", List.of(table("plain", 0)));
        FaithfulnessComparison two = new FaithfulnessComparison("toy", List.of(table("plain", 0),
                table("robust", 0.5)));
        // when exported as CSV and JSON
        FaithfulnessExport.write(two, dir.resolve("t.csv"));
        FaithfulnessExport.write(one, dir.resolve("one.json"));
        FaithfulnessExport.write(two, dir.resolve("two.JSON"));
        // then the CSV is the writer's text, one model's JSON is the command line's, two models' lists both
        assertEquals(FaithfulnessCsv.of(two), Files.readString(dir.resolve("t.csv")));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode single = mapper.readTree(dir.resolve("one.json").toFile());
        assertEquals("faithfulness", single.get("kind").asText());
        assertEquals(0.1875, single.get("methods").get(0).get("deletion_auc").get("mean").asDouble(), 1e-12);
        JsonNode both = mapper.readTree(dir.resolve("two.JSON").toFile());
        assertEquals("faithfulness-comparison", both.get("kind").asText());
        assertEquals(2, both.get("models").size());
        assertEquals("robust", both.get("models").get(1).get("label").asText());
        assertEquals(0.6875, both.get("models").get(1).get("methods").get(0).get("deletion_auc").get("mean")
                .asDouble(), 1e-12);
    }

    @Test
    void anUnknownExtensionIsRefusedWithTheFormatsExpected() {
        FaithfulnessComparison one = new FaithfulnessComparison("toy", List.of(table("plain", 0)));
        IOException e = assertThrows(IOException.class, () -> FaithfulnessExport.write(one, dir.resolve("t.txt")));
        assertTrue(e.getMessage().contains(".json or .csv"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("t.txt")));
        assertThrows(IllegalArgumentException.class, () -> new FaithfulnessComparison("toy", List.of()));
    }
}
