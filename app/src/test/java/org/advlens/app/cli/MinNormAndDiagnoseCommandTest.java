package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minnorm} and {@code diagnose} end to end on the bundled model and a few bundled images. */
class MinNormAndDiagnoseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void minnormDeepFoolOnFiveImagesPrintsTheDistancesAndWritesItsFiles() throws IOException {
        // when DeepFool runs on the first 5 images
        Path out = dir.resolve("minnorm");
        Cli r = Cli.run("minnorm", "--attack", "deepfool", "--limit", "5", "--out", out.toString());
        // then it exits 0 with one summary line and the three files
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("(?s)deepfool l2: success \\d\\.\\d{4} of eligible, mean l2 [\\d.]+, median [\\d.]+;"
                + " clean accuracy \\d\\.\\d{4} on 5 images, .*images/s\\R.*"), r.out());
        for (String f : List.of("minnorm.json", "minnorm.csv", "implied-curve.csv")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode root = JSON.readTree(out.resolve("minnorm.json").toFile());
        assertEquals("deepfool", root.path("attack").path("name").asText());
        assertEquals(5, root.path("samples").size());
        assertEquals(6, Files.readAllLines(out.resolve("minnorm.csv")).size());
    }

    @Test
    void minnormJsonRecordsTheChosenAttacksOwnOptionsOnly() throws IOException {
        Path out = dir.resolve("minnorm-options");
        Cli r = Cli.run("minnorm", "--attack", "deepfool", "--overshoot", "0.05", "--limit", "2", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode params = JSON.readTree(out.resolve("minnorm.json").toFile()).path("attack").path("params");
        assertEquals("l2", params.path("norm").asText());
        assertEquals(50, params.path("steps").asInt());
        assertEquals(0.05, params.path("overshoot").asDouble());
        assertEquals(10, params.path("candidates").asInt());
        assertEquals(-1, params.path("target").asInt());
        assertEquals(0, params.path("seed").asInt());
        assertFalse(params.has("learning_rate") || params.has("max_distortion"), params.toString());
    }

    @Test
    void theBoundaryAttacksFlagsReachItsOptions() throws IOException {
        // given every Boundary flag on a 2-image, 30-query run
        Path out = dir.resolve("minnorm-boundary");
        Cli r = Cli.run("minnorm", "--attack", "boundary", "--steps", "30", "--spherical-step", "0.05",
                "--source-step", "0.02", "--step-adaptation", "2", "--init-draws", "7", "--limit", "2", "--out",
                out.toString());
        // then minnorm.json records each value the attack ran with
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode params = JSON.readTree(out.resolve("minnorm.json").toFile()).path("attack").path("params");
        assertEquals(30, params.path("steps").asInt());
        assertEquals(0.05, params.path("spherical_step").asDouble());
        assertEquals(0.02, params.path("source_step").asDouble());
        assertEquals(2.0, params.path("step_adaptation").asDouble());
        assertEquals(7, params.path("init_draws").asInt());
    }

    @Test
    void anInvalidBoundaryFlagValueIsRefusedWithTheValue() {
        Cli r = Cli.run("minnorm", "--attack", "boundary", "--step-adaptation", "0.5", "--out", dir.toString());
        assertEquals(AdvLensCommand.EXIT_FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("step adaptation must be > 1, got 0.5"), r.toString());
    }

    @Test
    void squaresPInitFlagReachesTheAttack() throws IOException {
        Path out = dir.resolve("square");
        Cli r = Cli.run("attack", "--attack", "square", "--steps", "10", "--p-init", "0.3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode options = JSON.readTree(out.resolve("attack.json").toFile()).path("attack").path("options");
        assertEquals(0.3, options.path("p_init").asDouble(), options.toString());
    }

    @Test
    void minnormRejectsAnUnknownAttack() {
        Cli r = Cli.run("minnorm", "--attack", "nosuch", "--limit", "5", "--out", dir.toString());
        assertEquals(AdvLensCommand.EXIT_FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("unknown minimisation attack 'nosuch'"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void diagnoseOnTwentyImagesPrintsTheCurvesAndEveryCheckWithoutASoftmaxWarning() {
        // when the diagnostics run with cheap settings on the bundled model
        Cli r = Cli.run("diagnose", "--limit", "20", "--eps", "0.1", "--steps", "3", "--queries", "20",
                "--strong-factor", "2", "--strong-restarts", "1");
        // then it exits 0 and prints the three curves, then the seven checks and a verdict
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("fgsm") && lines.get(1).startsWith("pgd")
                && lines.get(2).startsWith("square"), r.out());
        List<String> checks = lines.stream().filter(l -> l.startsWith("PASS ") || l.startsWith("WARN ")).toList();
        assertEquals(7, checks.size(), r.out());
        String logits = checks.stream().filter(l -> l.contains("attacks see logits")).findFirst().orElseThrow();
        assertEquals("PASS attacks see logits, not softmax outputs: the file ends in a softmax; AdvLens attacks the "
                + "logits before it", logits);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.equals("all 7 checks pass") || last.matches("\\d of 7 checks warn: .*"), last);
    }

    @Test
    void diagnoseRejectsANegativeEpsilon() {
        Cli r = Cli.run("diagnose", "--limit", "20", "--eps", "-0.1");
        assertEquals(AdvLensCommand.EXIT_FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("-0.1"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
