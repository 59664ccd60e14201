package org.advlens.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code advlens} command. Without a subcommand it opens the desktop app; the subcommands run the engine
 * from a terminal and write their results as files and JSON. Errors print one line,
 * {@code advlens: error: ...}, and exit with status 1 (2 for a malformed command line); {@code --verbose} adds
 * the stack trace and the engine's log.
 */
@Command(name = "advlens", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "A workbench for looking at how image classifiers fail.",
            "Without a subcommand, opens the desktop app on the bundled model and samples."
        },
        subcommands = {TrainCommand.class, EvalCommand.class, AttackCommand.class, CurveCommand.class,
            CertifyCommand.class, CorruptionsCommand.class, OodCommand.class, CalibrationCommand.class,
            DefendCommand.class,
            BenchCommand.class, SaliencyCommand.class, SanityCommand.class, CounterfactualCommand.class,
            TrainGeneratorCommand.class, MinNormCommand.class, DiagnoseCommand.class, TransferCommand.class,
            TransferMatrixCommand.class, AgreementCommand.class,
            BoundaryCommand.class, FaithfulnessCommand.class, ConceptsCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class AdvLensCommand implements Callable<Integer> {

    /**
     * The subcommands' names, known without building the command line (which would create loggers before
     * {@link #configureLogging} has run); a test keeps it equal to the registered subcommands.
     */
    static final Set<String> SUBCOMMANDS = Set.of("train", "eval", "attack", "curve", "certify", "corruptions",
            "ood", "calibration", "defend", "bench", "saliency", "sanity", "counterfactual", "train-generator", "minnorm",
            "diagnose", "transfer", "transfer-matrix", "agreement", "boundary", "faithfulness", "concepts", "report",
            "help");

    /** Exit status of a command that failed while running. */
    public static final int EXIT_FAILURE = 1;
    /** Exit status of a malformed command line. */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "print stack traces and the engine's log")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        configureLogging(args);
        if (!checkRequestedBackend(args)) {
            System.exit(EXIT_FAILURE);
        }
        System.exit(execute(args, null, null));
    }

    /**
     * When the user asked for a backend ({@code --backend} in the launcher, or {@code ADVLENS_BACKEND}), starts
     * the engine now, says on standard error which backend it runs on, and refuses to go on with the wrong one.
     */
    static boolean checkRequestedBackend(String[] args) {
        boolean subcommand = List.of(args).stream().anyMatch(SUBCOMMANDS::contains);
        try {
            if (!subcommand || org.advlens.bench.EngineInfo.requestedBackend().isEmpty()) {
                return true;
            }
            org.advlens.bench.EngineInfo info = org.advlens.bench.EngineInfo.startChecked();
            System.err.println("advlens: engine: " + info.summary() + " (" + info.implementation() + ")");
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("advlens: error: " + e.getMessage());
            return false;
        }
    }

    /**
     * Runs the command line and returns its exit status.
     *
     * @param out standard output, or {@code null} for {@code System.out}
     * @param err standard error, or {@code null} for {@code System.err}
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        return cl.execute(args);
    }

    /** The configured command line: error handlers, case-insensitive enum values, no abbreviations. */
    public static CommandLine commandLine() {
        AdvLensCommand top = new AdvLensCommand();
        CommandLine cl = new CommandLine(top);
        cl.setExecutionExceptionHandler(CliErrors::handleExecutionException);
        cl.setParameterExceptionHandler(CliErrors::handleParameterException);
        cl.setUnmatchedArgumentsAllowed(false);
        return cl;
    }

    @Override
    public Integer call() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && System.getProperty("glass.platform") == null) {
            throw new IllegalArgumentException("no display (DISPLAY is not set): the desktop app needs a graphical "
                    + "session; use xvfb-run for a virtual one, or the command-line tools (advlens --help)");
        }
        org.advlens.app.Launcher.main(new String[0]);
        return 0;
    }

    /**
     * Quietens the engine's log for the subcommands (the progress lines on standard error say enough), unless
     * {@code --verbose} is given or the user configured the level. Must run before any logger is created.
     */
    static void configureLogging(String[] args) {
        List<String> list = List.of(args);
        boolean subcommand = list.stream().anyMatch(SUBCOMMANDS::contains);
        if (!subcommand) {
            return;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", list.contains("--verbose") ? "info" : "warn");
        }
    }
}
