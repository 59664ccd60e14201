package org.advlens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.advlens.job.CancelledException;
import org.advlens.model.ModelLoadException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line, {@code advlens: error: <message>}, with the stack trace only under
 * {@code --verbose}. Bad input (a missing or corrupt file, an unknown attack, an invalid value) is expected and
 * reported by its message alone; anything else also names its exception type.
 */
final class CliErrors {

    static final String PREFIX = "advlens: error: ";

    private CliErrors() {
    }

    static int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(PREFIX + message(ex));
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        } else if (!expected(ex)) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return AdvLensCommand.EXIT_FAILURE;
    }

    static int handleParameterException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(PREFIX + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return AdvLensCommand.EXIT_USAGE;
    }

    /** The message a person sees for {@code ex}. */
    static String message(Throwable ex) {
        if (ex instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (ex instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (ex instanceof CancelledException) {
            return "cancelled";
        }
        String m = ex.getMessage();
        if (expected(ex)) {
            return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
        }
        return ex.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static boolean expected(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof ModelLoadException
                || ex instanceof IOException || ex instanceof CancelledException;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
