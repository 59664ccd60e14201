package org.advlens.counterfactual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loop that both kinds of counterfactual share: step every unfinished image against the target class's
 * cross-entropy, stop an image as soon as its target probability reaches the confidence, then bisect along its
 * last step for the first point that reaches it (so the result is not one step size too far). A kind supplies
 * only its {@link Search}: where it starts, how it steps and how it interpolates. Images are processed in batches
 * of {@link #batchSize()}; the token is polled once per step.
 */
abstract class IterativeCounterfactual implements CounterfactualMethod {

    /** Bisection steps along the last step. */
    private static final int REFINE_STEPS = 12;

    /** The stopping and batching settings every iterative search shares; each method's options record has them. */
    interface SearchSettings {
        double confidence();

        int maxSteps();

        int pathPoints();

        int batchSize();
    }

    abstract SearchSettings settings();

    final double confidence() {
        return settings().confidence();
    }

    final int maxSteps() {
        return settings().maxSteps();
    }

    final int pathPoints() {
        return settings().pathPoints();
    }

    final int batchSize() {
        return settings().batchSize();
    }

    /** Starts a search for {@code x} (rows of pixels), or throws if the method cannot explain this model. */
    abstract Search begin(Classifier model, float[][] x, int[] targets);

    /** The state of the images being explained, indexed by row. */
    interface Search {
        /** Current images of {@code rows}, in pixel space. */
        float[][] images(int[] rows);

        /** One step of {@code rows}, given the gradient of the target cross-entropy at their current images. */
        void step(int[] rows, float[][] lossGradient);

        /** The image a fraction {@code t} of the way from the row's previous state to its current one. */
        float[] between(int row, double t);
    }

    @Override
    public final List<Counterfactual> explain(Classifier model, Images images, int[] targets, ProgressListener progress,
                                              CancellationToken cancellation) {
        if (images == null || targets == null || images.count() != targets.length) {
            throw new IllegalArgumentException("need one target per image, got " + (targets == null ? 0
                    : targets.length) + " targets for " + (images == null ? 0 : images.count()) + " images");
        }
        if (images.imageSize() != model.inputSpec().size()) {
            throw new IllegalArgumentException("images of " + images.channels() + "x" + images.height() + "x"
                    + images.width() + " do not fit the model's input " + model.inputSpec());
        }
        for (int t : targets) {
            if (t < 0 || t >= model.numClasses()) {
                throw new IllegalArgumentException("target class " + t + " is outside [0, " + model.numClasses()
                        + ")");
            }
        }
        List<Counterfactual> out = new ArrayList<>(images.count());
        for (int from = 0; from < images.count(); from += batchSize()) {
            int to = Math.min(images.count(), from + batchSize());
            int offset = from;
            ProgressListener sub = (f, m) -> progress.onProgress((offset + f * (to - offset)) / images.count(), m);
            out.addAll(explainBatch(model, images.slice(from, to), Arrays.copyOfRange(targets, from, to), sub,
                    cancellation));
        }
        progress.onProgress(1, "done");
        return out;
    }

    private List<Counterfactual> explainBatch(Classifier model, Images images, int[] targets,
                                              ProgressListener progress, CancellationToken cancellation) {
        int n = images.count();
        int size = images.imageSize();
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = images.image(i).pixels();
        }
        float[][] original = probabilities(model, x, images);
        Search search = begin(model, x, targets);
        int[] all = range(n);
        float[][] current = search.images(all);
        float[][] probs = probabilities(model, current, images);
        PathRecorder[] paths = new PathRecorder[n];
        boolean[] done = new boolean[n];
        int[] steps = new int[n];
        for (int i = 0; i < n; i++) {
            paths[i] = new PathRecorder(pathPoints());
            paths[i].add(0, current[i], probs[i]);
            done[i] = probs[i][targets[i]] >= confidence();
        }
        for (int step = 1; step <= maxSteps(); step++) {
            cancellation.throwIfCancelled();
            int[] rows = active(done);
            if (rows.length == 0) {
                break;
            }
            progress.onProgress((double) step / maxSteps(), String.format("step %d/%d, %d of %d images still short"
                    + " of the target", step, maxSteps(), rows.length, n));
            float[][] batch = pick(current, rows);
            INDArray g = model.lossGradient(stack(batch, images), pick(targets, rows));
            search.step(rows, unstack(g, rows.length, size));
            float[][] next = search.images(rows);
            float[][] p = probabilities(model, next, images);
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                current[i] = next[k];
                steps[i] = step;
                if (p[k][targets[i]] >= confidence()) {
                    done[i] = true;
                    current[i] = refine(model, search, i, targets[i], images);
                    p[k] = probabilities(model, new float[][] {current[i]}, images)[0];
                }
                paths[i].add(step, current[i], p[k]);
            }
        }
        float[][] finalProbs = probabilities(model, current, images);
        List<Counterfactual> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int predicted = argmax(finalProbs[i]);
            paths[i].finish(steps[i], current[i], finalProbs[i]);
            out.add(new Counterfactual(name(), images.image(i), one(current[i], images), argmax(original[i]),
                    targets[i], predicted, predicted == targets[i], finalProbs[i][targets[i]] >= confidence() - 1e-6,
                    original[i], finalProbs[i], steps[i], paths[i].points(images)));
        }
        return out;
    }

    /** Bisects along the row's last step for the first image whose target probability reaches the confidence. */
    private float[] refine(Classifier model, Search search, int row, int target, Images shape) {
        double lo = 0;
        double hi = 1;
        float[] best = search.between(row, 1);
        for (int k = 0; k < REFINE_STEPS; k++) {
            double mid = (lo + hi) / 2;
            float[] candidate = search.between(row, mid);
            if (probabilities(model, new float[][] {candidate}, shape)[0][target] >= confidence()) {
                hi = mid;
                best = candidate;
            } else {
                lo = mid;
            }
        }
        return best;
    }

    static float[][] probabilities(Classifier model, float[][] rows, Images shape) {
        return Logits.rows(Logits.softmax(model.logits(stack(rows, shape))));
    }

    static INDArray stack(float[][] rows, Images shape) {
        int size = shape.imageSize();
        float[] flat = new float[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * size, size);
        }
        return Nd4j.create(flat, new long[] {rows.length, shape.channels(), shape.height(), shape.width()}, 'c');
    }

    static float[][] unstack(INDArray batch, int n, int size) {
        float[] flat = batch.dup('c').data().asFloat();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
        }
        return out;
    }

    static Images one(float[] pixels, Images shape) {
        return new Images(pixels.clone(), 1, shape.channels(), shape.height(), shape.width());
    }

    private static int[] active(boolean[] done) {
        return java.util.stream.IntStream.range(0, done.length).filter(i -> !done[i]).toArray();
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static float[][] pick(float[][] a, int[] rows) {
        float[][] out = new float[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            out[k] = a[rows[k]];
        }
        return out;
    }

    private static int[] pick(int[] a, int[] rows) {
        int[] out = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = a[rows[k]];
        }
        return out;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Keeps at most about {@code limit} points of a path by doubling its stride when full; always the last. */
    private static final class PathRecorder {
        private final int limit;
        private final List<Object[]> points = new ArrayList<>();
        private int stride = 1;

        PathRecorder(int limit) {
            this.limit = limit;
        }

        void add(int step, float[] image, float[] probs) {
            if (step % stride != 0) {
                return;
            }
            points.add(new Object[] {step, image.clone(), probs.clone()});
            if (points.size() > limit) {
                stride *= 2;
                points.removeIf(p -> (int) p[0] % stride != 0);
            }
        }

        void finish(int step, float[] image, float[] probs) {
            if (!points.isEmpty() && (int) points.get(points.size() - 1)[0] == step) {
                points.remove(points.size() - 1);
            }
            points.add(new Object[] {step, image.clone(), probs.clone()});
        }

        List<PathPoint> points(Images shape) {
            List<PathPoint> out = new ArrayList<>(points.size());
            for (Object[] p : points) {
                out.add(new PathPoint((int) p[0], one((float[]) p[1], shape), (float[]) p[2]));
            }
            return out;
        }
    }
}
