package org.advlens.spark.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.advlens.job.ProgressListener;

/** Driver progress as lines on the error stream, so standard output stays clean for results. */
final class SparkProgress implements ProgressListener {

    private final PrintWriter err;
    private final String prefix;

    SparkProgress(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public synchronized void onProgress(double fraction, String message) {
        err.println(prefix + String.format(Locale.ROOT, "%4.0f%%", 100 * Math.min(1, Math.max(0, fraction))) + " "
                + message);
        err.flush();
    }
}
