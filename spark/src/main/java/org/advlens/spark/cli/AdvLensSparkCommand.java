package org.advlens.spark.cli;

import org.advlens.provenance.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code advlens spark}: the engine's data-set evaluations on an Apache Spark cluster. The main class of the
 * module's application jar, so {@code spark-submit --class org.advlens.spark.cli.AdvLensSparkCommand} runs it on a
 * cluster.
 */
@Command(name = "advlens spark", mixinStandardHelpOptions = true, versionProvider = AdvLensSparkCommand.Version.class,
        description = {"Runs AdvLens evaluations on Apache Spark, with the same results as a local run.",
                "Data (--data, on local, file: or hdfs:// paths): an IDX image file with its label file, a class "
                        + "folder (one sub-folder of images per class), or a Parquet table with an image column "
                        + "(PNG/JPEG bytes or Spark's image struct) and an integer label column; see docs/spark.md."},
        subcommands = {SparkCurveCommand.class, SparkCertifyCommand.class, SparkCorruptionsCommand.class})
public final class AdvLensSparkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: bad input prints one line naming what was expected. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AdvLensSparkCommand());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)
                    && !(cause instanceof java.io.IOException)) {
                cause = cause.getCause();
            }
            line.getErr().println("advlens spark: error: " + cause.getMessage());
            line.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** The engine's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"AdvLens " + Provenance.version() + " on Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }
}
