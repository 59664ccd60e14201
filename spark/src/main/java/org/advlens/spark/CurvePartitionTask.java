package org.advlens.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.CurveSteps;
import org.advlens.eval.PointExamples;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The work of one Spark task: loads the model and the data once, then runs the same engine steps as a local curve
 * ({@link CurveSteps}) over the partition's batches, and returns per-example results. Each partition holds one
 * {@code [from, to)} range, cut on batch boundaries by {@link Partitioning}.
 */
final class CurvePartitionTask implements FlatMapFunction<Iterator<ExampleRange>, CurvePartition> {

    private static final long serialVersionUID = 1L;

    private final ModelSource model;
    private final DataSource data;
    private final CurveSpec spec;
    private final TaskFault fault;

    CurvePartitionTask(ModelSource model, DataSource data, CurveSpec spec, TaskFault fault) {
        this.model = model;
        this.data = data;
        this.spec = spec;
        this.fault = fault;
    }

    @Override
    public Iterator<CurvePartition> call(Iterator<ExampleRange> ranges) throws Exception {
        List<CurvePartition> out = new ArrayList<>();
        if (!ranges.hasNext()) {
            return out.iterator();
        }
        TaskContext context = TaskContext.get();
        int partition = context == null ? 0 : context.partitionId();
        int attempt = context == null ? 0 : context.attemptNumber();
        CancellationToken token = CancellationToken.create();
        try (TaskKillWatch watch = new TaskKillWatch(context, token); Classifier classifier = model.load()) {
            while (ranges.hasNext()) {
                ExampleRange next = ranges.next();
                int[] range = {next.from(), next.to()};
                LabelledDataset slice = data.load(classifier.inputSpec(), next);
                out.add(evaluate(classifier, slice, range, partition, attempt, token));
            }
        }
        return out.iterator();
    }

    /** Evaluates {@code slice}, the examples {@code [range[0], range[1])} of the data set. */
    private CurvePartition evaluate(Classifier classifier, LabelledDataset slice, int[] range, int partition,
                                    int attempt, CancellationToken token) {
        int from = range[0];
        int to = range[1];
        int n = to - from;
        double[] eps = Arrays.stream(spec.epsilons()).filter(e -> e > 0).toArray();
        int points = spec.attacks().size() * eps.length;
        List<List<PointExamples>> slices = new ArrayList<>();
        for (int k = 0; k < points; k++) {
            slices.add(new ArrayList<>());
        }
        int[] labels = slice.labels();
        boolean[] clean = new boolean[n];
        int zeroGradient = -1;
        int batchIndex = 0;
        for (int b = from; b < to; b += spec.batchSize(), batchIndex++) {
            token.throwIfCancelled();
            int end = Math.min(to, b + spec.batchSize());
            Images x = slice.images().slice(b - from, end - from);
            int[] y = Arrays.copyOfRange(labels, b - from, end - from);
            System.arraycopy(CurveSteps.cleanCorrect(classifier, x, y), 0, clean, b - from, end - b);
            if (b == 0) {
                zeroGradient = CurveSteps.zeroGradients(classifier, x, y);
            }
            int k = 0;
            for (CurveSpec.Entry entry : spec.attacks()) {
                FixedEpsilonAttack attack = Attacks.byName(entry.attack());
                for (double e : eps) {
                    slices.get(k++).add(CurveSteps.attack(attack, entry.params(), e, classifier, x, y, b, token));
                }
            }
            fault.afterBatch(partition, attempt, batchIndex);
        }
        boolean[][] correct = new boolean[points][];
        boolean[][] success = new boolean[points][];
        double[][] l2 = new double[points][];
        double[][] linf = new double[points][];
        for (int k = 0; k < points; k++) {
            PointExamples joined = PointExamples.concat(shiftToZero(slices.get(k), from), n);
            correct[k] = joined.correct();
            success[k] = joined.success();
            l2[k] = joined.l2();
            linf[k] = joined.linf();
        }
        return new CurvePartition(partition, slice.name(), slice.source(), from, labels, clean, zeroGradient, correct, success, l2, linf);
    }

    private static List<PointExamples> shiftToZero(List<PointExamples> slices, int from) {
        return slices.stream().map(s -> new PointExamples(s.from() - from, s.correct(), s.success(), s.l2(),
                s.linf())).toList();
    }
}
