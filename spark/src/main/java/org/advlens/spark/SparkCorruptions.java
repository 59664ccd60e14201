package org.advlens.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.advlens.corruption.Corruption;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoadException;
import org.advlens.report.Execution;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A corruption evaluation (Hendrycks and Dietterich, ICLR 2019) on a Spark cluster: each task corrupts and classifies
 * the batches of its partition with the engine's code, each image's corruption seeded by the run seed and its index,
 * and the driver counts the wrong predictions into the same {@link CorruptionEvaluation.Result} as a local
 * {@link CorruptionEvaluation} (the timings aside). The driver holds one flag per image and cell, never images.
 */
public final class SparkCorruptions implements Job<SparkCorruptions.Output> {

    /**
     * The result with how it was computed.
     *
     * @param result the errors, in the local evaluation's form
     * @param dataName the data set's name
     * @param dataSource where the data came from
     * @param execution the cluster, partitions and seed
     */
    public record Output(CorruptionEvaluation.Result result, String dataName, String dataSource,
                         Execution execution) {
    }

    private final JavaSparkContext spark;
    private final ModelSource model;
    private final ModelSource baseline;
    private final DataSource data;
    private final CorruptionEvaluation.Options options;
    private final int partitions;
    private final TaskFault fault;

    /** @param baseline the baseline model, or {@code null} for the model itself at severity 0 */
    public SparkCorruptions(JavaSparkContext spark, ModelSource model, ModelSource baseline, DataSource data,
                            CorruptionEvaluation.Options options, int partitions, TaskFault fault) {
        if (spark == null || model == null || data == null || options == null || fault == null) {
            throw new IllegalArgumentException("spark context, model, data, options and fault are required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        this.spark = spark;
        this.model = model;
        this.baseline = baseline;
        this.data = data;
        this.options = options;
        this.partitions = partitions;
        this.fault = fault;
    }

    @Override
    public Output run(ProgressListener progress, CancellationToken cancellation) {
        int n;
        double scale;
        String baselineName;
        try (Classifier classifier = model.load(); Classifier base = baseline == null ? null : baseline.load()) {
            n = data.size();
            scale = Double.isNaN(options.spatialScale()) ? CorruptionOptions.defaultSpatialScale(
                    classifier.inputSpec().height(), classifier.inputSpec().width()) : options.spatialScale();
            if (base != null && !base.inputSpec().equals(classifier.inputSpec())) {
                throw new IllegalArgumentException("the baseline model expects " + base.inputSpec()
                        + " but the model expects " + classifier.inputSpec());
            }
            baselineName = base == null ? null : base.info().name();
        } catch (IOException | ModelLoadException e) {
            throw new IllegalArgumentException("cannot read the model or the data set: " + e.getMessage(), e);
        }
        List<int[]> ranges = Partitioning.ranges(n, options.batchSize(), partitions);
        List<CorruptionPartition> parts = new ArrayList<>(SparkJobs.collect(spark,
                "advlens-corruptions-" + UUID.randomUUID(), data, ranges, progress, cancellation,
                rdd -> rdd.mapPartitions(new CorruptionPartitionTask(model, baseline, data, options, scale, fault))
                        .collect()));
        parts.sort(Comparator.comparingInt(CorruptionPartition::from));
        return new Output(aggregate(parts, n, scale, baselineName), parts.get(0).dataName(),
                parts.get(0).dataSource(), SparkJobs.execution(spark, options.batchSize(), ranges,
                List.of(options.seed())));
    }

    private CorruptionEvaluation.Result aggregate(List<CorruptionPartition> parts, int n, double scale,
                                                  String baselineName) {
        boolean hasBaseline = baselineName != null;
        int[] severities = options.severities();
        int cells = options.corruptions().size() * severities.length;
        long cleanWrong = 0;
        long baseCleanWrong = 0;
        long[] wrong = new long[cells];
        long[] baseWrong = new long[cells];
        double corruptSeconds = 0;
        double classifySeconds = 0;
        int covered = 0;
        for (CorruptionPartition p : parts) {
            if (p.from() != covered) {
                throw new IllegalStateException("partition results do not tile the data set at index " + p.from());
            }
            covered += p.size();
            cleanWrong += count(p.cleanWrong());
            baseCleanWrong += hasBaseline ? count(p.baselineCleanWrong()) : 0;
            for (int k = 0; k < cells; k++) {
                wrong[k] += count(p.wrong()[k]);
                baseWrong[k] += hasBaseline ? count(p.baselineWrong()[k]) : 0;
            }
            corruptSeconds += p.corruptSeconds();
            classifySeconds += p.classifySeconds();
        }
        if (covered != n) {
            throw new IllegalStateException("expected results for " + n + " images, got " + covered);
        }
        double clean = (double) cleanWrong / n;
        double baseClean = hasBaseline ? (double) baseCleanWrong / n : clean;
        List<CorruptionEvaluation.Row> rows = new ArrayList<>();
        int cell = 0;
        for (Corruption c : options.corruptions()) {
            double[] errors = new double[severities.length];
            double[] baseErrors = new double[severities.length];
            for (int k = 0; k < severities.length; k++, cell++) {
                errors[k] = (double) wrong[cell] / n;
                baseErrors[k] = hasBaseline ? (double) baseWrong[cell] / n : clean;
            }
            rows.add(CorruptionEvaluation.row(c, errors, baseErrors, clean, baseClean, hasBaseline));
        }
        return new CorruptionEvaluation.Result(options, scale, n, clean, baselineName, baseClean, rows,
                corruptSeconds, classifySeconds);
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            c += f ? 1 : 0;
        }
        return c;
    }
}
