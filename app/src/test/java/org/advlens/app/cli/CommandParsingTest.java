package org.advlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CommandParsingTest {

    private static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static <T> T parse(Class<T> type, String... args) {
        ParseResult r = AdvLensCommand.commandLine().parseArgs(args);
        return type.cast(r.subcommand().commandSpec().userObject());
    }

    @Test
    void curveTakesCommaListsAndRepeatedAttacks() {
        CurveCommand c = parse(CurveCommand.class, "curve", "--attack", "fgsm,pgd", "--attack", "bim",
                "--eps", "0,0.05,0.1", "--norm", "l2", "--steps", "7", "--step-size", "0.5", "--restarts", "2",
                "--target", "Bag", "--seed", "11", "--batch", "50", "--limit", "20", "--out", "o");
        assertEquals(List.of("fgsm", "pgd", "bim"), c.attacks);
        assertEquals(List.of(0.0, 0.05, 0.1), c.epsilons);
        assertEquals(50, c.batch);
        assertEquals(20, c.data.limit);
        assertEquals(Path.of("o"), c.out);
        AttackParams p = c.options.params(Attacks.byName("pgd"), CLASSES);
        assertEquals(new AttackParams(Norm.L2, 7, 0.5, 2, 8, 11), p);
    }

    @Test
    void curveDefaultsToFgsmAndPgdOnFiveBudgetsAndBundledData() {
        CurveCommand c = parse(CurveCommand.class, "curve", "--out", "o");
        assertEquals(List.of("fgsm", "pgd"), c.attacks);
        assertEquals(List.of(0.0, 0.05, 0.1, 0.2, 0.3), c.epsilons);
        assertEquals(100, c.batch);
        assertNull(c.data.data);
        assertNull(c.model.model);
        assertEquals(Attacks.byName("pgd").defaults(), c.options.params(Attacks.byName("pgd"), CLASSES));
        assertEquals(1, c.options.params(Attacks.byName("fgsm"), CLASSES).steps());
    }

    @Test
    void attackParsesItsOptionsAndResolvesClassesByIndexOrName() {
        AttackCommand a = parse(AttackCommand.class, "attack", "--image", "x.png", "--label", "dress",
                "--attack", "fgsm", "--eps", "0.03", "--target", "3", "--out", "dir");
        assertEquals("fgsm", a.attack);
        assertEquals(0.03, a.eps);
        assertEquals(3, ClassNames.resolve(a.label, CLASSES, "--label"));
        assertEquals(3, a.options.params(Attacks.byName("fgsm"), CLASSES).targetClass());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassNames.resolve("hat", CLASSES, "--label"));
        assertTrue(e.getMessage().contains("'hat' is neither a class index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassNames.resolve("10", CLASSES, "--target"));
        assertTrue(e.getMessage().contains("--target 10 is outside [0, 10)"), e.getMessage());
    }

    @Test
    void attackDefaultsToPgdAtEpsilonPointOne() {
        AttackCommand a = parse(AttackCommand.class, "attack");
        assertEquals("pgd", a.attack);
        assertEquals(0.1, a.eps);
        assertNull(a.image);
        assertNull(a.out);
    }

    @Test
    void trainAndBenchParseTheirNumbers() {
        TrainCommand t = parse(TrainCommand.class, "train", "--epochs", "2", "--batch", "32", "--seed", "5",
                "--lr", "0.002", "--limit", "1000", "--out", "m.zip");
        assertEquals(2, t.epochs);
        assertEquals(32, t.batch);
        assertEquals(5L, t.seed);
        assertEquals(0.002, t.learningRate);
        assertEquals(1000, t.limit);
        BenchCommand b = parse(BenchCommand.class, "bench", "--threads", "1");
        assertEquals(1, b.threads);
        assertEquals(100, b.batch);
        assertEquals(1000, b.images);
    }

    @Test
    void verboseIsAcceptedBeforeAndAfterTheSubcommand() {
        AdvLensCommand.commandLine().parseArgs("--verbose", "curve", "--out", "o");
        ParseResult r = AdvLensCommand.commandLine().parseArgs("curve", "--out", "o", "--verbose");
        assertTrue(r.subcommand().hasMatchedOption("--verbose"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval", "attack", "curve", "bench"})
    void everySubcommandHasHelpAndVersion(String sub) {
        Cli help = Cli.run(sub, "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("Usage: advlens " + sub), help.out());
        Cli version = Cli.run(sub, "--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("advlens "), version.out());
    }

    @Test
    void topLevelHelpListsTheSubcommands() {
        Cli help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        for (String sub : List.of("train", "eval", "attack", "curve", "bench")) {
            assertTrue(help.out().contains("  " + sub + " "), sub + " missing from\n" + help.out());
        }
    }

    @Test
    void malformedCommandLinesExitWithUsageStatus() {
        Cli unknownOption = Cli.run("curve", "--attakc", "pgd", "--out", "o");
        assertEquals(CommandLine.ExitCode.USAGE, unknownOption.exitCode());
        assertTrue(unknownOption.err().startsWith("advlens: error: Unknown option"), unknownOption.err());
        Cli missingOut = Cli.run("curve");
        assertEquals(AdvLensCommand.EXIT_USAGE, missingOut.exitCode());
        assertTrue(missingOut.err().contains("Missing required option: '--out=DIR'"), missingOut.err());
        Cli badNumber = Cli.run("attack", "--eps", "lots");
        assertEquals(AdvLensCommand.EXIT_USAGE, badNumber.exitCode());
        assertTrue(badNumber.err().contains("'lots' is not a double"), badNumber.err());
    }

    @Test
    void theListOfSubcommandNamesMatchesTheRegisteredSubcommands() {
        assertEquals(new java.util.TreeSet<>(AdvLensCommand.commandLine().getSubcommands().keySet()),
                new java.util.TreeSet<>(AdvLensCommand.SUBCOMMANDS));
    }
}
