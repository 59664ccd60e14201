package org.advlens.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.advlens.job.ProgressListener;

/**
 * Prints engine progress as lines on the error stream, at most one line per interval (and always the last),
 * so that standard output stays clean for results.
 */
final class StderrProgress implements ProgressListener {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String prefix;
    private long last = Long.MIN_VALUE;

    StderrProgress(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public synchronized void onProgress(double fraction, String message) {
        long now = System.nanoTime();
        if (fraction < 1 && last != Long.MIN_VALUE && now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        String pct = fraction < 0 ? "     " : String.format(Locale.ROOT, "%4.0f%%", 100 * Math.min(1, fraction));
        err.println(prefix + pct + " " + message);
        err.flush();
    }
}
