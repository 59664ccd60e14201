package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with one line "advlens: error: ...", exit status 1 and no stack trace. */
class CommandErrorsTest {

    @TempDir
    Path dir;

    private static void assertCleanError(Cli r, String expected) {
        assertEquals(AdvLensCommand.EXIT_FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains(CliErrors.PREFIX + expected), r.toString());
        assertFalse(r.err().contains("\tat "), "stack trace without --verbose:\n" + r.err());
    }

    @Test
    void unknownAttackNamesTheKnownOnes() {
        assertCleanError(Cli.run("curve", "--attack", "fgsm,nosuchattack", "--out", dir.toString()),
                "unknown attack 'nosuchattack': expected one of [fgsm, rfgsm, bim, pgd");
        assertCleanError(Cli.run("attack", "--attack", "nosuchattack"), "unknown attack 'nosuchattack': expected a "
                + "fixed-budget attack [fgsm, rfgsm, bim, pgd");
    }

    @Test
    void optionsOfTheOtherKindOfAttackAreRefused() {
        assertCleanError(Cli.run("attack", "--attack", "cw", "--eps", "0.1"),
                "--eps does not apply to the minimum-norm attack 'cw'");
        assertCleanError(Cli.run("attack", "--attack", "deepfool", "--restarts", "3"),
                "--step-size, --restarts and --p-init apply to fixed-budget attacks only");
        assertCleanError(Cli.run("attack", "--attack", "min-square", "--p-init", "0.5"),
                "--step-size, --restarts and --p-init apply to fixed-budget attacks only");
        assertCleanError(Cli.run("attack", "--attack", "pgd", "--overshoot", "0.1"),
                "--search-steps, --lr, --const, --confidence, --overshoot, --gamma, --candidates, --spherical-step, "
                        + "--source-step, --step-adaptation and --init-draws apply to minimum-norm attacks only, "
                        + "not to 'pgd'");
        assertCleanError(Cli.run("attack", "--attack", "square", "--init-draws", "5"),
                "--search-steps, --lr, --const, --confidence, --overshoot, --gamma, --candidates, --spherical-step, "
                        + "--source-step, --step-adaptation and --init-draws apply to minimum-norm attacks only, "
                        + "not to 'square'");
    }

    @Test
    void aMinimumNormFlagTheChosenAttackDoesNotTakeIsRefusedNamingTheAttacksItAppliesTo() {
        assertCleanError(Cli.run("minnorm", "--attack", "cw", "--overshoot", "0.1", "--out", dir.toString()),
                "--overshoot applies to deepfool, not cw");
        assertCleanError(Cli.run("minnorm", "--attack", "deepfool", "--lr", "0.1", "--out", dir.toString()),
                "--lr applies to cw, not deepfool");
        assertCleanError(Cli.run("attack", "--attack", "jsma", "--steps", "5"),
                "--steps applies to cw, deepfool, lbfgs, boundary and min-NAME, not jsma");
        assertCleanError(Cli.run("attack", "--attack", "min-pgd", "--gamma", "0.1"),
                "--gamma applies to jsma and jsma-decrease, not min-pgd");
        assertCleanError(Cli.run("minnorm", "--attack", "deepfool", "--overshoot", "-1", "--out", dir.toString()),
                "overshoot must be >= 0, got -1.0");
        assertCleanError(Cli.run("minnorm", "--attack", "cw", "--spherical-step", "0.1", "--out", dir.toString()),
                "--spherical-step applies to boundary, not cw");
        assertCleanError(Cli.run("attack", "--attack", "deepfool", "--init-draws", "5"),
                "--init-draws applies to boundary, not deepfool");
    }

    @Test
    void squaresOwnFlagIsRefusedForAnAttackThatDoesNotTakeIt() {
        assertCleanError(Cli.run("attack", "--attack", "pgd", "--p-init", "0.5"), "--p-init applies to square, not pgd");
        assertCleanError(Cli.run("curve", "--attack", "fgsm,bim", "--p-init", "0.5", "--out", dir.toString()),
                "--p-init applies to square, not fgsm, bim");
        assertCleanError(Cli.run("transfer", "--attack", "fgsm", "--substitute", "--p-init", "0.5"),
                "--p-init applies to square, not fgsm");
    }

    @Test
    void missingFilesAreNamed() {
        assertCleanError(Cli.run("attack", "--image", dir.resolve("nope.png").toString()),
                "image not found: " + dir.resolve("nope.png"));
        assertCleanError(Cli.run("eval", "--model", dir.resolve("nope.zip").toString()), "nope.zip: no such file");
        assertCleanError(Cli.run("curve", "--data", dir.resolve("none-images-idx3-ubyte").toString(), "--out",
                dir.resolve("out").toString()), "data not found: ");
    }

    @Test
    void aTextFileIsNeitherAModelNorAnImage() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "these are notes, not pixels\n");
        assertCleanError(Cli.run("eval", "--model", text.toString()), "notes.png: not a model file");
        assertCleanError(Cli.run("attack", "--image", text.toString()), "notes.png: not an image");
    }

    @Test
    void invalidValuesCarryTheValue() {
        assertCleanError(Cli.run("attack", "--eps", "-0.5"), "--eps must be finite and >= 0, got -0.5");
        assertCleanError(Cli.run("curve", "--norm", "l3", "--out", dir.toString()), "unknown norm 'l3'");
        assertCleanError(Cli.run("curve", "--steps", "0", "--out", dir.toString()), "steps must be in [1, 100000], got 0");
    }

    @Test
    void outMustBeAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertCleanError(Cli.run("curve", "--limit", "2", "--eps", "0", "--out", file.toString()),
                "--out must be a folder, but " + file + " is a file");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli r = Cli.run("attack", "--attack", "nosuchattack", "--verbose");
        assertEquals(AdvLensCommand.EXIT_FAILURE, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
