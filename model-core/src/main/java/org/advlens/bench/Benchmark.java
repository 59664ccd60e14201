package org.advlens.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures the engine's throughput on a model and data set: forward pass, forward pass with input gradient,
 * FGSM and PGD-20 (both through {@link AttackRunner}, so the engine's verification is included), each in
 * batches, as the median of several timed repetitions after one untimed warm-up repetition; and the latency of
 * FGSM on one image at a time (median and 90th percentile, after five untimed runs).
 */
public final class Benchmark implements Job<BenchmarkResult> {

    /**
     * What to measure.
     *
     * @param batchSize images per batch
     * @param images images per repetition for forward, gradient and FGSM
     * @param pgdImages images per repetition for PGD (it costs about 20 gradients per image)
     * @param repetitions timed repetitions per operation (the median is reported)
     * @param latencyRuns single-image FGSM runs timed
     * @param epsilon L-inf budget of the attacks
     * @param threads threads for ND4J's native operations during the run, or 0 to leave the setting as it is
     */
    public record Options(int batchSize, int images, int pgdImages, int repetitions, int latencyRuns, double epsilon,
                          int threads) {
        public Options {
            if (threads < 0 || threads > 1024) {
                throw new IllegalArgumentException("threads must be 0 (unchanged) or in [1, 1024], got " + threads);
            }
            if (batchSize < 1 || images < 1 || pgdImages < 1) {
                throw new IllegalArgumentException("batch size and image counts must be positive, got batch "
                        + batchSize + ", images " + images + ", pgd images " + pgdImages);
            }
            if (repetitions < 1 || repetitions > 100) {
                throw new IllegalArgumentException("repetitions must be in [1, 100], got " + repetitions);
            }
            if (latencyRuns < 1 || latencyRuns > 10_000) {
                throw new IllegalArgumentException("latency runs must be in [1, 10000], got " + latencyRuns);
            }
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
            }
        }

        /** Batch 100, 1000 images (200 for PGD-20), 5 repetitions, 50 latency runs, eps 0.1, threads unchanged. */
        public static Options defaults() {
            return new Options(100, 1000, 200, 5, 50, 0.1, 0);
        }

        public Options withBatchSize(int value) {
            return new Options(value, images, pgdImages, repetitions, latencyRuns, epsilon, threads);
        }

        public Options withRepetitions(int value) {
            return new Options(batchSize, images, pgdImages, value, latencyRuns, epsilon, threads);
        }

        public Options withThreads(int value) {
            return new Options(batchSize, images, pgdImages, repetitions, latencyRuns, epsilon, value);
        }
    }

    /** Steps of the PGD measurement. */
    public static final int PGD_STEPS = 20;

    private final Classifier model;
    private final LabelledDataset data;
    private final Options options;

    public Benchmark(Classifier model, LabelledDataset data, Options options) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set '" + data.name() + "' is empty");
        }
        this.model = model;
        this.data = data;
        this.options = options;
    }

    @Override
    public BenchmarkResult run(ProgressListener progress, CancellationToken cancellation) {
        if (options.threads() > 0) {
            EngineInfo.setMaxThreads(options.threads());
        }
        int n = Math.min(options.images(), data.size());
        int nPgd = Math.min(options.pgdImages(), data.size());
        List<Batch> batches = batches(n);
        List<Batch> pgdBatches = batches(nPgd);
        AttackParams fgsmParams = AttackParams.defaults().withSteps(1);
        AttackParams pgdParams = AttackParams.defaults().withSteps(PGD_STEPS);
        FixedEpsilonAttack fgsm = new FastGradientSignMethod();
        FixedEpsilonAttack pgd = new ProjectedGradientDescent();
        double[] eps = {options.epsilon()};

        List<BenchmarkResult.Throughput> out = new ArrayList<>();
        out.add(throughput("forward", n, batches, b -> model.logits(b.x), progress, cancellation, 0.0));
        out.add(throughput("forward+input_gradient", n, batches, b -> model.lossGradient(b.x, b.labels), progress,
                cancellation, 0.2));
        out.add(throughput("fgsm", n, batches,
                b -> AttackRunner.run(fgsm, model, b.x, b.labels, eps, fgsmParams, cancellation), progress,
                cancellation, 0.4));
        out.add(throughput("pgd-" + PGD_STEPS, nPgd, pgdBatches,
                b -> AttackRunner.run(pgd, model, b.x, b.labels, eps, pgdParams, cancellation), progress,
                cancellation, 0.6));

        progress.onProgress(0.8, "single-image FGSM latency");
        List<Batch> singles = batches(Math.min(options.latencyRuns(), data.size()), 1);
        int warm = Math.min(5, singles.size());
        for (int i = 0; i < warm; i++) {
            AttackRunner.run(fgsm, model, singles.get(i).x, singles.get(i).labels, eps, fgsmParams, cancellation);
        }
        double[] ms = new double[options.latencyRuns()];
        for (int i = 0; i < ms.length; i++) {
            cancellation.throwIfCancelled();
            Batch b = singles.get(i % singles.size());
            long t0 = System.nanoTime();
            AttackRunner.run(fgsm, model, b.x, b.labels, eps, fgsmParams, cancellation);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        progress.onProgress(1, "done");
        return new BenchmarkResult(EngineInfo.current(), model.info().name(), model.info().sha256(), data.name(),
                options.batchSize(), out,
                new BenchmarkResult.Latency(ms.length, percentile(ms, 0.5), percentile(ms, 0.9)));
    }

    private BenchmarkResult.Throughput throughput(String name, int images, List<Batch> batches,
                                                  java.util.function.Consumer<Batch> op, ProgressListener progress,
                                                  CancellationToken cancellation, double start) {
        progress.onProgress(start, name + ": warm-up");
        for (Batch b : batches) {
            cancellation.throwIfCancelled();
            op.accept(b);
        }
        double[] seconds = new double[options.repetitions()];
        for (int r = 0; r < seconds.length; r++) {
            long t0 = System.nanoTime();
            for (Batch b : batches) {
                cancellation.throwIfCancelled();
                op.accept(b);
            }
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            progress.onProgress(start + 0.2 * (r + 1) / seconds.length,
                    String.format("%s: repetition %d/%d, %.0f images/s", name, r + 1, seconds.length,
                            images / seconds[r]));
        }
        return new BenchmarkResult.Throughput(name, images, seconds, images / percentile(seconds, 0.5));
    }

    /** Nearest-rank percentile; the median of an even count is the mean of the two middle values. */
    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (q == 0.5 && s.length % 2 == 0) {
            return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private List<Batch> batches(int n) {
        return batches(n, options.batchSize());
    }

    private List<Batch> batches(int n, int size) {
        List<Batch> out = new ArrayList<>();
        int[] labels = data.labels();
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            out.add(new Batch(data.images().slice(from, to).toArray(), Arrays.copyOfRange(labels, from, to)));
        }
        return out;
    }

    private record Batch(INDArray x, int[] labels) {
    }
}
