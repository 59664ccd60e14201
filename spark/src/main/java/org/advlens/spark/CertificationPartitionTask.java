package org.advlens.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Certification;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The work of one Spark task of a certification run: loads the model and the data once, then certifies each image of
 * its range with the engine's {@link RandomizedSmoothing#certify}, seeded by {@link Certification#imageSeed}.
 */
final class CertificationPartitionTask implements FlatMapFunction<Iterator<ExampleRange>, CertificationPartition> {

    private static final long serialVersionUID = 1L;

    private final ModelSource model;
    private final DataSource data;
    private final RandomizedSmoothing.Options options;
    private final long seed;
    private final TaskFault fault;

    CertificationPartitionTask(ModelSource model, DataSource data, RandomizedSmoothing.Options options, long seed,
                               TaskFault fault) {
        this.model = model;
        this.data = data;
        this.options = options;
        this.seed = seed;
        this.fault = fault;
    }

    @Override
    public Iterator<CertificationPartition> call(Iterator<ExampleRange> ranges) throws Exception {
        List<CertificationPartition> out = new ArrayList<>();
        if (!ranges.hasNext()) {
            return out.iterator();
        }
        TaskContext context = TaskContext.get();
        int partition = context == null ? 0 : context.partitionId();
        int attempt = context == null ? 0 : context.attemptNumber();
        CancellationToken token = CancellationToken.create();
        try (TaskKillWatch watch = new TaskKillWatch(context, token); Classifier classifier = model.load()) {
            RandomizedSmoothing smoothing = new RandomizedSmoothing(classifier, options);
            while (ranges.hasNext()) {
                ExampleRange next = ranges.next();
                int[] range = {next.from(), next.to()};
                int n = range[1] - range[0];
                LabelledDataset set = data.load(classifier.inputSpec(), next);
                int[] labels = new int[n];
                int[] predictions = new int[n];
                double[] pA = new double[n];
                double[] radius = new double[n];
                double[] seconds = new double[n];
                for (int k = 0; k < n; k++) {
                    int i = range[0] + k;
                    long start = System.nanoTime();
                    RandomizedSmoothing.Certificate c = smoothing.certify(set.images().image(k),
                            Certification.imageSeed(seed, i), token);
                    seconds[k] = (System.nanoTime() - start) / 1e9;
                    labels[k] = set.label(k);
                    predictions[k] = c.prediction();
                    pA[k] = c.pALower();
                    radius[k] = c.radius();
                    fault.afterBatch(partition, attempt, k);
                }
                out.add(new CertificationPartition(set.name(), set.source(), range[0], labels, predictions, pA, radius,
                        seconds));
            }
        }
        return out.iterator();
    }
}
