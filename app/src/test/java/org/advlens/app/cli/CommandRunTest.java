package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.report.CurveCsv;
import org.advlens.report.CurveJson;
import org.advlens.report.SavedCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommands end to end on the bundled model and data, on a few images. */
class CommandRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void curveWritesJsonCsvAndPngWithCleanAccuracyAtEpsilonZero() throws IOException {
        Path out = dir.resolve("curve");
        Cli r = Cli.run("curve", "--attack", "fgsm,pgd", "--eps", "0,0.1", "--steps", "5", "--limit", "20",
                "--batch", "10", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        for (String f : List.of("curve.json", "curve.csv", "curve.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(r.out().contains("pgd    eps=0.1 "), r.out());

        JsonNode root = JSON.readTree(out.resolve("curve.json").toFile());
        assertEquals(List.of("format_version", "model", "data", "clean_accuracy", "attacks", "flags", "provenance"),
                names(root));
        assertEquals(64, root.get("model").get("sha256").asText().length());
        assertEquals(10, root.get("model").get("classes").size());
        assertEquals(20, root.get("data").get("size").asInt());
        JsonNode attacks = root.get("attacks");
        assertEquals(2, attacks.size());
        assertEquals("fgsm", attacks.get(0).get("name").asText());
        assertEquals(5, attacks.get(1).get("params").get("steps").asInt());
        double clean = root.get("clean_accuracy").asDouble();
        for (JsonNode a : attacks) {
            assertEquals(2, a.get("points").size());
            JsonNode zero = a.get("points").get(0);
            assertEquals(0.0, zero.get("eps").asDouble());
            assertEquals(clean, zero.get("accuracy").asDouble());
            for (JsonNode p : a.get("points")) {
                assertEquals(20, p.get("correct").size());
                assertEquals(List.of("eps", "accuracy", "success_rate", "mean_l2", "mean_linf", "correct"), names(p));
            }
            assertTrue(a.get("points").get(1).get("accuracy").asDouble() <= clean);
        }
        SavedCurve saved = CurveJson.read(out.resolve("curve.json"));
        assertEquals(20, saved.result().cleanCorrect().length);

        List<String> csv = Files.readAllLines(out.resolve("curve.csv"));
        assertEquals(CurveCsv.HEADER, csv.get(0));
        assertEquals(5, csv.size());

        Cli eval = Cli.run("eval", "--limit", "20");
        assertEquals(0, eval.exitCode(), eval.toString());
        JsonNode e = JSON.readTree(eval.out());
        assertEquals(clean, e.get("clean_accuracy").asDouble());
        assertEquals(20, e.get("data").get("size").asInt());
        assertEquals(10, e.get("per_class").size());
    }

    @Test
    void attackWritesTheAdversarialImageThePerturbationAndItsRecord() throws IOException {
        Path out = dir.resolve("attack");
        Cli r = Cli.run("attack", "--attack", "fgsm", "--eps", "0.2", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("fgsm linf eps=0.2: "), r.out());
        for (String f : List.of("adversarial.png", "perturbation.png", "attack.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode root = JSON.readTree(out.resolve("attack.json").toFile());
        assertEquals("fgsm", root.get("attack").get("name").asText());
        assertEquals(0.2, root.get("attack").get("eps").asDouble());
        assertEquals("clean_prediction", root.get("label").get("source").asText());
        assertEquals(root.get("before").get("class").asInt(), root.get("label").get("class").asInt());
        assertEquals(10, root.get("after").get("probabilities").size());
        assertTrue(root.get("norms").get("linf").asDouble() <= 0.2 + 1e-6);
        assertTrue(root.get("perturbation_image").get("amplification").asDouble() >= 1);
        assertEquals(64, root.get("model").get("sha256").asText().length());
        assertTrue(root.has("provenance"));
    }

    @Test
    void attackRunsMinimumNormAttacksAndRecordsTheVerifiedDistance() throws IOException {
        Path out = dir.resolve("deepfool");
        Cli r = Cli.run("attack", "--attack", "deepfool", "--norm", "l2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("deepfool l2 minimal l2="), r.out());
        JsonNode root = JSON.readTree(out.resolve("attack.json").toFile());
        JsonNode minimal = root.get("attack").get("minimal_distance");
        assertEquals("l2", minimal.get("measure").asText());
        assertTrue(root.get("success").asBoolean(), r.out());
        // The engine measures the distance on the clipped candidate it verified: it is that candidate's L2 norm.
        assertEquals(root.get("norms").get("l2").asDouble(), minimal.get("value").asDouble(), 1e-9);
        assertTrue(minimal.get("value").asDouble() > 0);

        Cli cw = Cli.run("attack", "--attack", "cw", "--steps", "20", "--search-steps", "3", "--seed", "1");
        assertEquals(0, cw.exitCode(), cw.toString());
        assertTrue(cw.out().startsWith("cw l2 minimal l2="), cw.out());
    }

    @Test
    void attackJsonRecordsTheOptionsTheAttackRanWith() throws IOException {
        Path out = dir.resolve("cw-options");
        Cli cw = Cli.run("attack", "--attack", "cw", "--steps", "5", "--search-steps", "1", "--lr", "0.2",
                "--out", out.toString());
        assertEquals(0, cw.exitCode(), cw.toString());
        JsonNode options = JSON.readTree(out.resolve("attack.json").toFile()).get("attack").get("options");
        assertEquals(5, options.get("steps").asInt());
        assertEquals(1, options.get("search_steps").asInt());
        assertEquals(0.2, options.get("learning_rate").asDouble());
        assertEquals(0.1, options.get("initial_constant").asDouble());
        assertEquals(0.0, options.get("confidence").asDouble());
        assertEquals(5, options.size(), options.toString());

        Path squareOut = dir.resolve("square-options");
        Cli square = Cli.run("attack", "--attack", "square", "--steps", "5", "--out", squareOut.toString());
        assertEquals(0, square.exitCode(), square.toString());
        JsonNode attack = JSON.readTree(squareOut.resolve("attack.json").toFile()).get("attack");
        assertEquals(0.8, attack.get("options").get("p_init").asDouble());
        assertEquals(5, attack.get("params").get("steps").asInt());
    }

    @Test
    void benchPrintsEveryMeasurementAsJson() throws IOException {
        Cli r = Cli.run("bench", "--images", "20", "--pgd-images", "10", "--batch", "10", "--repetitions", "1",
                "--latency-runs", "3");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode root = JSON.readTree(r.out());
        assertEquals("advlens bench --images 20 --pgd-images 10 --batch 10 --repetitions 1 --latency-runs 3",
                root.get("command").asText());
        assertEquals("CpuBackend", root.get("engine").get("backend").asText());
        assertTrue(root.get("machine").get("cores").asInt() >= 1);
        List<String> ops = new ArrayList<>();
        root.get("throughput").forEach(t -> ops.add(t.get("operation").asText()));
        assertEquals(List.of("forward", "forward+input_gradient", "fgsm", "pgd-20"), ops);
        assertTrue(root.get("single_image_fgsm_ms").get("median").asDouble() > 0);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
