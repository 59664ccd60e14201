package org.advlens.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.corruption.Corruption;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.ModelInfo;
import org.advlens.report.CorruptionJson;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;
import org.advlens.spark.ModelSource;
import org.advlens.spark.SparkCorruptions;
import org.advlens.spark.TaskFault;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens spark corruptions}: the corruption table of {@code advlens corruptions --json} (Hendrycks and
 * Dietterich 2019), computed on Spark; the same JSON with the cluster, the partitions and the seed added.
 */
@Command(name = "corruptions", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Corruption table on Spark (Hendrycks and Dietterich 2019): error per corruption and severity, "
                + "mCE and relative mCE; JSON on standard output.")
final class SparkCorruptionsCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    SparkOptions where;

    @Option(names = "--corruptions", paramLabel = "LIST", defaultValue = "all",
            description = "all (19), benchmark (the 15 of ImageNet-C), extra (the other 4), or names separated by "
                    + "commas (default: all)")
    String corruptions;

    @Option(names = "--severities", paramLabel = "S", split = ",", defaultValue = "1,2,3,4,5",
            description = "severities, comma-separated, each 1 to 5 (default: 1,2,3,4,5)")
    int[] severities;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the corruptions' random draws (default: 0)")
    long seed;

    @Option(names = "--baseline", paramLabel = "PATH",
            description = "baseline model for CE and relative mCE: a model path every executor can read, or 'robust' "
                    + "for the bundled robust model (default: the model itself at severity 0)")
    String baseline;

    @Option(names = "--spatial-scale", paramLabel = "F",
            description = "factor on the 224-pixel reference's lengths (default: sqrt(min side / 224))")
    Double spatialScale;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "250", description = "images per batch (default: 250)")
    int batch;

    @Option(names = "--out", paramLabel = "FILE", description = "write the JSON here instead of standard output")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Corruption> list = new ArrayList<>(Corruption.parse(corruptions));
        CorruptionEvaluation.Options options = new CorruptionEvaluation.Options(list, severities, seed, batch,
                spatialScale == null ? Double.NaN : spatialScale);
        ModelSource base = baseline == null ? null
                : new ModelSource("robust".equalsIgnoreCase(baseline) ? ModelSource.BUNDLED_ROBUST : baseline);
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (JavaSparkContext spark = new JavaSparkContext(where.conf())) {
            spark.setLogLevel("WARN");
            int partitions = where.partitions(spark.defaultParallelism());
            stderr.printf(Locale.ROOT, "spark corruptions: master %s, %d partitions, %d corruptions x %d severities%n",
                    spark.master(), partitions, list.size(), severities.length);
            SparkCorruptions.Output r = Jobs.runNow(new SparkCorruptions(spark, where.modelSource(), base,
                    where.dataSource(), options, partitions, TaskFault.NONE),
                    new SparkProgress(stderr, "spark corruptions "));
            ObjectNode root = CorruptionJson.write(r.result());
            try (Classifier classifier = where.modelSource().load()) {
                root.set("model", model(classifier.info()));
            }
            if (base != null) {
                try (Classifier b = base.load()) {
                    root.set("baseline", model(b.info()));
                }
            }
            ObjectNode data = root.putObject("data");
            data.put("name", r.dataName());
            data.put("source", r.dataSource());
            data.put("size", r.result().images());
            root.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
            root.put("advlens_version", Provenance.version());
            root.set("execution", CorruptionJson.execution(r.execution()));
            root.set(ProvenanceJson.PROVENANCE, ProvenanceJson.provenance(Provenance.now()));
            String json = MAPPER.writeValueAsString(root) + System.lineSeparator();
            if (out == null) {
                spec.commandLine().getOut().print(json);
                spec.commandLine().getOut().flush();
            } else {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, json);
                stderr.println("spark corruptions: wrote " + out);
            }
        }
        return 0;
    }

    private static ObjectNode model(ModelInfo m) {
        return ProvenanceJson.model(m);
    }
}
