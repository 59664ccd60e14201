package org.advlens.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.advlens.corruption.Corruption;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The work of one Spark task of a corruption evaluation: loads the model (and the baseline model) once, corrupts
 * each batch of its range with the engine's {@link Corruption#apply} (seeded per image by its data-set index) and
 * records which predictions are wrong, as {@link CorruptionEvaluation} does.
 */
final class CorruptionPartitionTask implements FlatMapFunction<Iterator<ExampleRange>, CorruptionPartition> {

    private static final long serialVersionUID = 1L;

    private final ModelSource model;
    private final ModelSource baseline;
    private final DataSource data;
    private final CorruptionEvaluation.Options options;
    private final double spatialScale;
    private final TaskFault fault;

    /** @param baseline the baseline model, or {@code null} for the model itself at severity 0 */
    CorruptionPartitionTask(ModelSource model, ModelSource baseline, DataSource data,
                            CorruptionEvaluation.Options options, double spatialScale, TaskFault fault) {
        this.model = model;
        this.baseline = baseline;
        this.data = data;
        this.options = options;
        this.spatialScale = spatialScale;
        this.fault = fault;
    }

    @Override
    public Iterator<CorruptionPartition> call(Iterator<ExampleRange> ranges) throws Exception {
        List<CorruptionPartition> out = new ArrayList<>();
        if (!ranges.hasNext()) {
            return out.iterator();
        }
        TaskContext context = TaskContext.get();
        int partition = context == null ? 0 : context.partitionId();
        int attempt = context == null ? 0 : context.attemptNumber();
        CancellationToken token = CancellationToken.create();
        try (TaskKillWatch watch = new TaskKillWatch(context, token); Classifier classifier = model.load();
             Classifier base = baseline == null ? null : baseline.load()) {
            CorruptionOptions co = CorruptionOptions.forInput(classifier.inputSpec(), spatialScale);
            while (ranges.hasNext()) {
                ExampleRange next = ranges.next();
                int[] range = {next.from(), next.to()};
                LabelledDataset slice = data.load(classifier.inputSpec(), next);
                out.add(evaluate(classifier, base, slice, range[0], co, partition, attempt, token));
            }
        }
        return out.iterator();
    }

    private CorruptionPartition evaluate(Classifier classifier, Classifier base, LabelledDataset slice, int from,
                                         CorruptionOptions co, int partition, int attempt, CancellationToken token) {
        int n = slice.size();
        int[] severities = options.severities();
        int cells = options.corruptions().size() * severities.length;
        boolean[] cleanWrong = new boolean[n];
        boolean[] baseCleanWrong = base == null ? null : new boolean[n];
        boolean[][] wrong = new boolean[cells][n];
        boolean[][] baseWrong = base == null ? null : new boolean[cells][n];
        double[] seconds = new double[2];
        int batchIndex = 0;
        for (int b = 0; b < n; b += options.batchSize(), batchIndex++) {
            token.throwIfCancelled();
            int end = Math.min(n, b + options.batchSize());
            Images clean = slice.images().slice(b, end);
            int[] labels = java.util.Arrays.copyOfRange(slice.labels(), b, end);
            mark(classifier, base, clean, labels, b, cleanWrong, baseCleanWrong, seconds);
            int cell = 0;
            for (Corruption c : options.corruptions()) {
                for (int severity : severities) {
                    token.throwIfCancelled();
                    long t0 = System.nanoTime();
                    Images corrupted = c.apply(clean, severity, options.seed(), from + b, co);
                    seconds[0] += (System.nanoTime() - t0) / 1e9;
                    mark(classifier, base, corrupted, labels, b, wrong[cell], base == null ? null : baseWrong[cell],
                            seconds);
                    cell++;
                }
            }
            fault.afterBatch(partition, attempt, batchIndex);
        }
        return new CorruptionPartition(slice.name(), slice.source(), from, cleanWrong, baseCleanWrong, wrong,
                baseWrong, seconds[0], seconds[1]);
    }

    private static void mark(Classifier classifier, Classifier base, Images batch, int[] labels, int at,
                             boolean[] wrong, boolean[] baseWrong, double[] seconds) {
        long t0 = System.nanoTime();
        int[] p = CorruptionEvaluation.predict(classifier, batch);
        int[] q = base == null ? null : CorruptionEvaluation.predict(base, batch);
        seconds[1] += (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < labels.length; i++) {
            wrong[at + i] = p[i] != labels[i];
            if (q != null) {
                baseWrong[at + i] = q[i] != labels[i];
            }
        }
    }
}
