package org.advlens.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.advlens.attack.catalog.Attacks;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.CurveSteps;
import org.advlens.eval.PointExamples;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoadException;
import org.advlens.report.Execution;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A robustness curve computed on a Spark cluster: the driver cuts the data set into batch-aligned partitions
 * ({@link Partitioning}), each task loads the model once and runs the engine's curve steps over its batches
 * ({@link CurvePartitionTask}), and the driver aggregates the per-example results in data-set order with the same
 * code as a local run, so the {@link CurveResult} equals the local one example for example (the attacks' random
 * choices are seeded per example). The driver holds per-example results only, never images. Cancelling the token
 * cancels the Spark job group.
 */
public final class SparkCurve implements Job<SparkCurve.Output> {

    /** The result with how it was executed, for the result file's provenance. */
    public record Output(CurveResult result, Execution execution) {
    }

    private final JavaSparkContext spark;
    private final ModelSource model;
    private final DataSource data;
    private final CurveSpec spec;
    private final int partitions;
    private final TaskFault fault;

    /**
     * @param partitions how many partitions to cut the data set into (at most one per batch)
     * @param fault called in each task after each batch; {@link TaskFault#NONE} in normal runs
     */
    public SparkCurve(JavaSparkContext spark, ModelSource model, DataSource data, CurveSpec spec, int partitions,
                      TaskFault fault) {
        if (spark == null || model == null || data == null || spec == null || fault == null) {
            throw new IllegalArgumentException("spark context, model, data, spec and fault are required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        this.spark = spark;
        this.model = model;
        this.data = data;
        this.spec = spec;
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
        List<int[]> ranges = Partitioning.ranges(n, spec.batchSize(), partitions);
        String group = "advlens-curve-" + UUID.randomUUID();
        List<CurvePartition> parts = SparkJobs.collect(spark, group, data, ranges, progress, cancellation,
                rdd -> rdd.mapPartitions(new CurvePartitionTask(model, data, spec, fault)).collect());
        parts = new ArrayList<>(parts);
        parts.sort(Comparator.comparingInt(CurvePartition::from));
        return new Output(aggregate(parts, n), SparkJobs.execution(spark, spec.batchSize(), ranges,
                spec.attacks().stream().map(e -> e.params().seed()).toList()));
    }

    private CurveResult aggregate(List<CurvePartition> parts, int n) {
        int[] labels = new int[n];
        boolean[] clean = new boolean[n];
        int zeroGradient = 0;
        for (CurvePartition p : parts) {
            System.arraycopy(p.labels(), 0, labels, p.from(), p.size());
            System.arraycopy(p.cleanCorrect(), 0, clean, p.from(), p.size());
            zeroGradient = p.zeroGradient() >= 0 ? p.zeroGradient() : zeroGradient;
        }
        double[] eps = spec.epsilons();
        List<AttackCurve> curves = new ArrayList<>();
        int k = 0;
        for (CurveSpec.Entry entry : spec.attacks()) {
            String name = Attacks.byName(entry.attack()).name();
            List<CurvePoint> points = new ArrayList<>();
            for (double e : eps) {
                if (e == 0) {
                    points.add(CurveSteps.cleanPoint(name, clean));
                    continue;
                }
                int point = k++;
                PointExamples all = PointExamples.concat(parts.stream().map(p -> p.point(point)).toList(), n);
                points.add(CurveSteps.point(name, e, entry.params(), labels, clean, all));
            }
            curves.add(new AttackCurve(name, entry.params(), points));
        }
        try (Classifier classifier = model.load()) {
            return CurveSteps.result(classifier, parts.get(0).dataName(), parts.get(0).dataSource(), clean, curves,
                    zeroGradient,
                    Math.min(n, spec.batchSize()), Instant.now());
        } catch (IOException | ModelLoadException e) {
            throw new IllegalStateException("cannot load the model on the driver: " + e.getMessage(), e);
        }
    }
}
