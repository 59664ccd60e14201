package org.advlens.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationOutcome;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.MinimizationRunner;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minimisation attack over a labelled data set, in batches: per-example minimal perturbations measured by the
 * engine ({@link MinimizationRunner}), the robust-accuracy curve they imply and their histogram.
 */
public final class MinimumNormEvaluation implements Job<MinimumNormResult> {

    /**
     * @param batchSize examples per attack call
     * @param curvePoints budgets of the implied curve, evenly spaced up to the largest distance found, used when
     *                    {@code epsilons} is empty
     * @param epsilons budgets of the implied curve, or empty for {@code curvePoints} even ones
     * @param bins histogram bins
     */
    public record Options(int batchSize, int curvePoints, double[] epsilons, int bins) {
        public Options {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batch size must be in [1, 10000], got " + batchSize);
            }
            if (curvePoints < 2 || curvePoints > 10_000) {
                throw new IllegalArgumentException("curve points must be in [2, 10000], got " + curvePoints);
            }
            if (bins < 1 || bins > 10_000) {
                throw new IllegalArgumentException("bins must be in [1, 10000], got " + bins);
            }
            epsilons = epsilons == null ? new double[0] : epsilons.clone();
        }

        /** Batch 50, 21 even budgets, 20 bins. */
        public static Options defaults() {
            return new Options(50, 21, new double[0], 20);
        }

        @Override
        public double[] epsilons() {
            return epsilons.clone();
        }
    }

    private final Classifier model;
    private final LabelledDataset data;
    private final MinimizationAttack attack;
    private final MinimizationParams params;
    private final Options options;

    public MinimumNormEvaluation(Classifier model, LabelledDataset data, MinimizationAttack attack,
                                 MinimizationParams params, Options options) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set '" + data.name() + "' is empty");
        }
        this.model = model;
        this.data = data;
        this.attack = attack;
        this.params = params;
        this.options = options;
    }

    @Override
    public MinimumNormResult run(ProgressListener progress, CancellationToken cancellation) {
        int n = data.size();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        List<MinimalPerturbation> samples = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            cancellation.throwIfCancelled();
            int from = b * options.batchSize();
            int to = Math.min(n, from + options.batchSize());
            INDArray x = data.images().slice(from, to).toArray();
            int[] labels = Arrays.copyOfRange(data.labels(), from, to);
            MinimizationOutcome o = MinimizationRunner.run(attack, model, x, labels, params, cancellation);
            double[] fraction = o.fractionChanged();
            for (int i = 0; i < o.count(); i++) {
                samples.add(new MinimalPerturbation(from + i, labels[i], o.cleanPredictions()[i],
                        o.verified().predictions()[i], o.eligible()[i], o.succeeded(i), o.distance()[i],
                        o.estimatedDistance()[i], o.verified().l0()[i], o.verified().l2()[i],
                        o.verified().linf()[i], fraction[i]));
            }
            progress.onProgress((b + 1.0) / batches, attack.name() + ": batch " + (b + 1) + "/" + batches);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] distances = samples.stream().mapToDouble(MinimalPerturbation::distance).toArray();
        boolean[] eligible = new boolean[n];
        for (int i = 0; i < n; i++) {
            eligible[i] = samples.get(i).eligible();
        }
        double[] eps = options.epsilons().length > 0 ? options.epsilons()
                : ImpliedRobustness.evenEpsilons(distances, options.curvePoints());
        return new MinimumNormResult(model.info(), data.name(), data.source(), attack.name(), params,
                attack.parameters(), attack.measure(params), samples, ImpliedRobustness.curve(distances, eps),
                ImpliedRobustness.histogram(distances, eligible, options.bins()), seconds, Instant.now());
    }
}
