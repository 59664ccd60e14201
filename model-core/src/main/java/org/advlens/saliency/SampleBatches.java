package org.advlens.saliency;

import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;

/**
 * The batch loop shared by the methods that evaluate the model on several derived inputs per image (noisy copies,
 * path points, occluded copies): {@code samples} inputs per image, image-major, in batches of at most
 * {@code batchSize}, each input evaluated for its image's target. Inputs are filled in order, so a method that
 * draws random numbers while filling gets the same draws whatever the batch size.
 */
public final class SampleBatches {

    /** Writes sample {@code sample} of image {@code image} into {@code batch} from {@code offset}. */
    @FunctionalInterface
    public interface Fill {
        void fill(int image, int sample, float[] batch, int offset);
    }

    /** Takes the result of sample {@code sample} of image {@code image}, row {@code row} of the batch's result. */
    @FunctionalInterface
    public interface Sink<R> {
        void accept(int image, int sample, R result, int row);
    }

    @FunctionalInterface
    private interface Evaluate<R> {
        R apply(float[] batch, int[] targets, int n);
    }

    private SampleBatches() {
    }

    /** Target-logit gradients of each sample; the result holds {@code n * size} values, a row per sample. */
    public static void gradients(Classifier model, int images, int samples, int size, int[] targets, int batchSize,
                          CancellationToken cancellation, Fill fill, Sink<float[]> sink) {
        run(images, samples, size, targets, batchSize, fill,
                (b, t, n) -> LogitGradients.gradients(model, b, t, n, cancellation), sink);
    }

    /** Target logits of each sample; the result holds a value per sample. */
    public static void logits(Classifier model, int images, int samples, int size, int[] targets, int batchSize,
                       CancellationToken cancellation, Fill fill, Sink<double[]> sink) {
        run(images, samples, size, targets, batchSize, fill,
                (b, t, n) -> LogitGradients.logits(model, b, t, n, cancellation), sink);
    }

    private static <R> void run(int images, int samples, int size, int[] targets, int batchSize, Fill fill,
                                Evaluate<R> evaluate, Sink<R> sink) {
        long total = (long) images * samples;
        for (long from = 0; from < total; from += batchSize) {
            int n = (int) Math.min(batchSize, total - from);
            float[] batch = new float[n * size];
            int[] t = new int[n];
            for (int j = 0; j < n; j++) {
                int image = (int) ((from + j) / samples);
                t[j] = targets[image];
                fill.fill(image, (int) ((from + j) % samples), batch, j * size);
            }
            R result = evaluate.apply(batch, t, n);
            for (int j = 0; j < n; j++) {
                sink.accept((int) ((from + j) / samples), (int) ((from + j) % samples), result, j);
            }
        }
    }
}
