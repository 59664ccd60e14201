package org.advlens.bench;

import java.util.ArrayList;
import java.util.List;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.Targets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * Times counterfactual searches with their own settings, each image aimed at its second most likely class: one
 * batch of {@code images} (all searched together, as {@code advlens counterfactual --limit} does), then
 * {@code singleRuns} images one at a time (what the app's Find counterfactual does), after one untimed warm-up image.
 */
public final class CounterfactualBenchmark implements Job<List<CounterfactualBenchmark.Timing>> {

    /**
     * What to measure.
     *
     * @param images images in the batch measurement, at least 1
     * @param singleRuns images timed one at a time, at least 1
     */
    public record Options(int images, int singleRuns) {
        public Options {
            if (images < 1 || singleRuns < 1) {
                throw new IllegalArgumentException("images and single runs must be positive, got " + images
                        + " and " + singleRuns);
            }
        }
    }

    /**
     * The timings of one method.
     *
     * @param method the method's name
     * @param images images in the batch
     * @param batchSeconds wall-clock seconds of the batch
     * @param batchSuccesses how many of the batch reached the target class
     * @param singleMedianSeconds median seconds of one image alone
     * @param singleP90Seconds 90th percentile of the same
     * @param meanSteps mean optimisation steps per image in the batch
     */
    public record Timing(String method, int images, double batchSeconds, int batchSuccesses, double singleMedianSeconds,
                         double singleP90Seconds, double meanSteps) {

        public double imagesPerSecond() {
            return images / batchSeconds;
        }
    }

    private final Classifier model;
    private final LabelledDataset data;
    private final List<CounterfactualMethod> methods;
    private final Options options;

    public CounterfactualBenchmark(Classifier model, LabelledDataset data, List<CounterfactualMethod> methods,
                                   Options options) {
        if (model == null || data == null || methods == null || methods.isEmpty() || options == null) {
            throw new IllegalArgumentException("a model, data, at least one method and options are required");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set '" + data.name() + "' is empty");
        }
        this.model = model;
        this.data = data;
        this.methods = List.copyOf(methods);
        this.options = options;
    }

    @Override
    public List<Timing> run(ProgressListener progress, CancellationToken cancellation) {
        int n = Math.min(options.images(), data.size());
        Images batch = data.images().slice(0, n);
        int[] targets = Targets.secondMostLikely(model, batch);
        List<Timing> out = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            CounterfactualMethod method = methods.get(m);
            double start = (double) m / methods.size();
            progress.onProgress(start, method.name() + ": warm-up");
            method.explain(model, batch.image(0), new int[] {targets[0]}, ProgressListener.NONE, cancellation);
            progress.onProgress(start, method.name() + ": " + n + " images together");
            long t0 = System.nanoTime();
            List<Counterfactual> results = method.explain(model, batch, targets, ProgressListener.NONE,
                    cancellation);
            double batchSeconds = (System.nanoTime() - t0) / 1e9;
            int ok = 0;
            long steps = 0;
            for (Counterfactual c : results) {
                ok += c.success() ? 1 : 0;
                steps += c.steps();
            }
            double[] single = new double[options.singleRuns()];
            for (int i = 0; i < single.length; i++) {
                cancellation.throwIfCancelled();
                progress.onProgress(start + 0.5 / methods.size() * (1 + (double) i / single.length),
                        method.name() + ": one image at a time, " + (i + 1) + "/" + single.length);
                int k = i % n;
                long s0 = System.nanoTime();
                method.explain(model, batch.image(k), new int[] {targets[k]}, ProgressListener.NONE, cancellation);
                single[i] = (System.nanoTime() - s0) / 1e9;
            }
            out.add(new Timing(method.name(), n, batchSeconds, ok, Benchmark.percentile(single, 0.5),
                    Benchmark.percentile(single, 0.9), (double) steps / n));
        }
        progress.onProgress(1, "done");
        return out;
    }
}
