package org.advlens.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.report.CertificationJson;
import org.advlens.spark.SparkCertification;
import org.advlens.spark.TaskFault;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens spark certify}: the randomized-smoothing certification of {@code advlens certify} (Cohen et al.
 * 2019), computed on Spark; the same JSON, with the cluster, the partitions and the seed added, on standard output
 * or in a file.
 */
@Command(name = "certify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Randomized-smoothing certification on Spark (Cohen et al. 2019); JSON on standard output.")
final class SparkCertifyCommand implements Callable<Integer> {

    @Mixin
    SparkOptions where;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "0.25",
            description = "noise standard deviation in pixel units (default: 0.25)")
    double sigma;

    @Option(names = "--n0", paramLabel = "N", defaultValue = "100",
            description = "samples that select the top class (default: 100)")
    int n0;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000",
            description = "samples that bound its probability (default: 10000; the paper uses 100000)")
    int n;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.001",
            description = "failure probability of each certificate (default: 0.001)")
    double alpha;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "noisy copies per forward pass (default: 1000)")
    int batch;

    @Option(names = "--radii", paramLabel = "R,...", split = ",", defaultValue = "0,0.25,0.5,0.75,1",
            description = "L2 radii at which certified accuracy is reported (default: 0,0.25,0.5,0.75,1)")
    double[] radii;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "noise seed (default: 0)")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "write the JSON here instead of standard output")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RandomizedSmoothing.Options options = new RandomizedSmoothing.Options(sigma, n0, n, alpha, batch);
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (JavaSparkContext spark = new JavaSparkContext(where.conf())) {
            spark.setLogLevel("WARN");
            int partitions = where.partitions(spark.defaultParallelism());
            stderr.printf(Locale.ROOT, "spark certify: master %s, %d partitions, sigma %s, n %d%n", spark.master(),
                    partitions, sigma, n);
            SparkCertification.Output r = Jobs.runNow(new SparkCertification(spark, where.modelSource(),
                    where.dataSource(), options, seed, partitions, TaskFault.NONE),
                    new SparkProgress(stderr, "spark certify "));
            String json;
            try (Classifier classifier = where.modelSource().load()) {
                json = CertificationJson.toJson(classifier.info(), r.dataName(), r.dataSource(), r.result(), radii,
                        (System.nanoTime() - start) / 1e9, r.execution());
            }
            if (out == null) {
                spec.commandLine().getOut().print(json);
                spec.commandLine().getOut().flush();
            } else {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, json);
                stderr.println("spark certify: wrote " + out);
            }
        }
        return 0;
    }
}
