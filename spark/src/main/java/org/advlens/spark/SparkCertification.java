package org.advlens.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.advlens.eval.Certification;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.report.Execution;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Randomized-smoothing certification (Cohen, Rosenfeld and Kolter, ICML 2019) of a data set on a Spark cluster:
 * each task certifies the images of its partition with the engine's {@link RandomizedSmoothing}, each image's noise
 * seeded by the run seed and its index ({@link Certification#imageSeed}), so every certificate equals the one a
 * local {@link Certification} run gives. The driver holds the certificates only.
 */
public final class SparkCertification implements Job<SparkCertification.Output> {

    /**
     * The certificates with how they were computed.
     *
     * @param result the certificates, in data-set order
     * @param dataName the data set's name
     * @param dataSource where the data came from
     * @param execution the cluster, partitions and seed
     */
    public record Output(Certification.Result result, String dataName, String dataSource, Execution execution) {
    }

    private final JavaSparkContext spark;
    private final ModelSource model;
    private final DataSource data;
    private final RandomizedSmoothing.Options options;
    private final long seed;
    private final int partitions;
    private final TaskFault fault;

    public SparkCertification(JavaSparkContext spark, ModelSource model, DataSource data,
                              RandomizedSmoothing.Options options, long seed, int partitions, TaskFault fault) {
        if (spark == null || model == null || data == null || options == null || fault == null) {
            throw new IllegalArgumentException("spark context, model, data, options and fault are required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        this.spark = spark;
        this.model = model;
        this.data = data;
        this.options = options;
        this.seed = seed;
        this.partitions = partitions;
        this.fault = fault;
    }

    @Override
    public Output run(ProgressListener progress, CancellationToken cancellation) {
        int n;
        try {
            n = data.size();
        } catch (IOException e) {
            throw data.unreadable(e);
        }
        List<int[]> ranges = Partitioning.ranges(n, 1, partitions);
        List<CertificationPartition> parts = new ArrayList<>(SparkJobs.collect(spark,
                "advlens-certify-" + UUID.randomUUID(), data, ranges, progress, cancellation,
                rdd -> rdd.mapPartitions(new CertificationPartitionTask(model, data, options, seed, fault))
                        .collect()));
        parts.sort(Comparator.comparingInt(CertificationPartition::from));
        List<Certification.Entry> entries = new ArrayList<>(n);
        for (CertificationPartition p : parts) {
            if (p.from() != entries.size()) {
                throw new IllegalStateException("partition results do not tile the data set at index " + p.from());
            }
            for (int k = 0; k < p.labels().length; k++) {
                entries.add(new Certification.Entry(p.from() + k, p.labels()[k], new RandomizedSmoothing.Certificate(
                        p.predictions()[k], p.pALower()[k], p.radius()[k]), p.seconds()[k]));
            }
        }
        if (entries.size() != n) {
            throw new IllegalStateException("expected " + n + " certificates, got " + entries.size());
        }
        return new Output(new Certification.Result(options, seed, entries), parts.get(0).dataName(),
                parts.get(0).dataSource(), SparkJobs.execution(spark, 1, ranges, List.of(seed)));
    }
}
