package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code advlens report} end to end on the bundled model and a few bundled images: the report's numbers equal those
 * of the individual commands it lists for reproducing each section, run with the same seed.
 */
class ReportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATTERY = "{\"images\": 20, \"attacks\": [\"fgsm\", \"pgd\"], \"epsilons\": [0, 0.05,"
            + " 0.1], \"steps\": 2, \"autoAttackImages\": 10, \"minNormImages\": 6, \"corruptions\": [],"
            + " \"oodSets\": [], \"exampleImages\": 1, \"saliencyMethod\": \"gradient\", \"seed\": 3,"
            + " \"batchSize\": 10}";

    @TempDir
    static Path dir;

    private static Cli report;
    private static JsonNode summary;
    private static Map<String, String> commands;

    @BeforeAll
    static void writeOneReport() throws IOException {
        Path battery = dir.resolve("battery-in.json");
        Files.writeString(battery, BATTERY);
        report = Cli.run("report", "--battery", battery.toString(), "--out", dir.resolve("report").toString());
        assertEquals(0, report.exitCode(), report.toString());
        summary = JSON.readTree(dir.resolve("report/report.json").toFile()).path("models").get(0);
        commands = new HashMap<>();
        for (JsonNode c : summary.path("commands")) {
            commands.put(c.path("section").asText(), c.path("command").asText());
        }
    }

    @Test
    void itPrintsTheEstimateThenWritesThePageAndItsJson() throws IOException {
        assertTrue(report.out().startsWith("report: battery custom on Fashion-MNIST test (first 1000) (1000 images),"
                + " 1 model; estimated "), report.out());
        assertTrue(report.out().contains("  clean accuracy and curves"), report.out());
        for (String f : List.of("report.html", "report.json", "battery.json", "curve.json", "ensemble.json")) {
            assertTrue(Files.size(dir.resolve("report").resolve(f)) > 0, f);
        }
        String html = Files.readString(dir.resolve("report/report.html"));
        assertTrue(html.contains("<h1>Robustness report: Fashion-MNIST CNN</h1>"));
        assertTrue(html.contains("advlens report --battery "), "the page names the command that made it");
        assertFalse(html.contains("<script"));
    }

    @Test
    void theCurvesEqualAdvlensCurveRunWithTheListedCommand() throws IOException {
        JsonNode alone = runListed("clean accuracy and curves", "curve.json");
        JsonNode inReport = JSON.readTree(dir.resolve("report/curve.json").toFile());
        assertEquals(alone.path("clean_accuracy").asDouble(), summary.path("clean_accuracy").asDouble());
        assertEquals(alone.path("clean_accuracy").asDouble(), inReport.path("clean_accuracy").asDouble());
        for (int a = 0; a < 2; a++) {
            JsonNode expected = alone.path("attacks").get(a).path("points");
            JsonNode actual = inReport.path("attacks").get(a).path("points");
            assertEquals(3, expected.size());
            for (int k = 0; k < 3; k++) {
                assertEquals(expected.get(k).path("accuracy").asDouble(), actual.get(k).path("accuracy").asDouble());
                assertEquals(expected.get(k).path("correct"), actual.get(k).path("correct"));
            }
        }
    }

    @Test
    void theEnsembleEqualsAdvlensCurveWithAutoattack() throws IOException {
        JsonNode alone = runListed("AutoAttack-style ensemble", "curve.json");
        double accuracy = alone.path("attacks").get(0).path("points").get(1).path("accuracy").asDouble();
        assertEquals(accuracy, summary.path("ensemble").path("accuracy").asDouble());
        assertEquals(10, summary.path("ensemble").path("images").asInt());
    }

    @Test
    void minimumNormAndCalibrationEqualTheirCommands() throws IOException {
        JsonNode minnorm = runListed("minimum-norm distances", "minnorm.json").path("summary");
        assertEquals(minnorm.path("median_distance").asDouble(),
                summary.path("min_norm").path("median_distance").asDouble());
        assertEquals(minnorm.path("mean_distance").asDouble(), summary.path("min_norm").path("mean_distance").asDouble());
        Cli calibration = Cli.run(args(commands.get("calibration")));
        assertEquals(0, calibration.exitCode(), calibration.toString());
        JsonNode c = JSON.readTree(calibration.out());
        assertEquals(c.path("before").path("ece").asDouble(), summary.path("calibration").path("ece_before").asDouble());
        assertEquals(c.path("temperature_scaling").path("temperature").asDouble(),
                summary.path("calibration").path("temperature").asDouble());
    }

    @Test
    void estimateAloneNeedsNoOutputFolder() {
        Cli r = Cli.run("report", "--preset", "standard", "--estimate", "--limit", "50");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("battery standard") && r.out().contains("certification"), r.out());
    }

    @Test
    void badPresetsAndMissingFoldersGetOneLineErrors() {
        Cli preset = Cli.run("report", "--preset", "fast", "--out", dir.resolve("x").toString());
        assertEquals(AdvLensCommand.EXIT_FAILURE, preset.exitCode(), preset.toString());
        assertTrue(preset.err().contains("unknown battery preset 'fast'"), preset.toString());
        Cli out = Cli.run("report");
        assertEquals(AdvLensCommand.EXIT_FAILURE, out.exitCode(), out.toString());
        assertTrue(out.err().contains("--out is required"), out.toString());
        assertFalse(out.err().contains("\tat "), out.toString());
    }

    /** Runs a section's listed command with its output folder in the temporary folder and reads its JSON. */
    private static JsonNode runListed(String section, String file) throws IOException {
        List<String> a = new ArrayList<>(List.of(args(commands.get(section))));
        int out = a.indexOf("--out");
        Path folder = dir.resolve("alone-" + a.get(out + 1));
        a.set(out + 1, folder.toString());
        Cli r = Cli.run(a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return JSON.readTree(folder.resolve(file).toFile());
    }

    private static String[] args(String command) {
        assertTrue(command.startsWith("advlens "), command);
        return command.substring("advlens ".length()).split(" ");
    }
}
