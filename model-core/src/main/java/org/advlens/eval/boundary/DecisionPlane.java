package org.advlens.eval.boundary;

import java.util.function.Consumer;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Classifies every cell of a 2-D plane {@code x + a.u + b.v} with forward-only batches, progressively: a coarse
 * pass over every {@code coarseStride}-th cell first, then the remaining cells row by row. Partial results go to a
 * listener after the coarse pass and after each refined band of rows, so a view can paint early. The
 * cancellation token is polled before every batch.
 *
 * <p>The picture follows the decision-boundary slices of Fawzi et al., "Robustness of classifiers: from
 * adversarial to random noise" (2016) and Tramer et al., "The Space of Transferable Adversarial Examples" (2017).
 */
public final class DecisionPlane implements Job<PlaneResult> {

    /** Partial results are published at most this many times during the refinement. */
    private static final int REFINE_UPDATES = 8;

    private final Classifier model;
    private final Plane plane;
    private final PlaneSpec spec;
    private final Consumer<PlaneResult> onPartial;

    /**
     * @param onPartial called on the worker thread with each partial result; {@code r -> { }} to ignore
     */
    public DecisionPlane(Classifier model, Plane plane, PlaneSpec spec, Consumer<PlaneResult> onPartial) {
        if (model == null || plane == null || spec == null || onPartial == null) {
            throw new IllegalArgumentException("model, plane, grid and listener are required");
        }
        InputSpec in = model.inputSpec();
        if (plane.size() != in.size()) {
            throw new IllegalArgumentException("the plane's images have " + plane.size() + " values but the model "
                    + "expects " + in);
        }
        this.model = model;
        this.plane = plane;
        this.spec = spec;
        this.onPartial = onPartial;
    }

    @Override
    public PlaneResult run(ProgressListener progress, CancellationToken cancellation) {
        int n = spec.resolution();
        int classes = model.numClasses();
        int[] predicted = new int[n * n];
        float[] probabilities = new float[n * n * classes];
        boolean[] done = new boolean[n * n];
        int stride = spec.coarseStride();
        int coarseCount = 0;
        int[] order = new int[n * n];
        for (int j = 0; j < n; j += stride) {
            for (int i = 0; i < n; i += stride) {
                order[coarseCount++] = j * n + i;
            }
        }
        int k = coarseCount;
        if (stride > 1) {
            for (int c = 0; c < n * n; c++) {
                if ((c / n) % stride != 0 || (c % n) % stride != 0) {
                    order[k++] = c;
                }
            }
        }
        int total = stride > 1 ? n * n : coarseCount;
        int originalClass = model.predict(Nd4j.create(plane.origin(), model.inputSpec().shape(1), 'c'))[0];
        int published = 0;
        for (int from = 0; from < total; ) {
            cancellation.throwIfCancelled();
            int to = Math.min(total, from + spec.batchSize());
            if (from < coarseCount && to > coarseCount) {
                to = coarseCount;
            }
            classify(order, from, to, predicted, probabilities, done);
            from = to;
            boolean coarse = from <= coarseCount;
            progress.onProgress((double) from / total, (coarse ? "coarse grid " : "refining ") + from + "/" + total
                    + " cells");
            if (stride > 1 && from == coarseCount) {
                onPartial.accept(partial(predicted, probabilities, done, originalClass, stride));
            } else if (stride > 1 && from > coarseCount && from < total) {
                int band = (int) ((long) (from - coarseCount) * REFINE_UPDATES / (total - coarseCount));
                if (band > published) {
                    published = band;
                    onPartial.accept(partial(predicted, probabilities, done, originalClass, stride));
                }
            }
        }
        return new PlaneResult(model.info().name(), model.classNames(), plane, spec, predicted, probabilities,
                originalClass, true, 1);
    }

    private void classify(int[] order, int from, int to, int[] predicted, float[] probabilities, boolean[] done) {
        int n = spec.resolution();
        int size = plane.size();
        float[] batch = new float[(to - from) * size];
        InputSpec in = model.inputSpec();
        for (int k = from; k < to; k++) {
            int c = order[k];
            plane.writePoint(spec.a(c % n), spec.b(c / n), spec.clip(), in.lower(), in.upper(), batch,
                    (k - from) * size);
        }
        INDArray logits = model.logits(Nd4j.create(batch, in.shape(to - from), 'c'));
        float[][] p = Logits.softmaxRows(logits);
        int classes = model.numClasses();
        for (int k = from; k < to; k++) {
            int c = order[k];
            float[] row = p[k - from];
            int best = 0;
            for (int m = 1; m < classes; m++) {
                if (row[m] > row[best]) {
                    best = m;
                }
            }
            predicted[c] = best;
            System.arraycopy(row, 0, probabilities, c * classes, classes);
            done[c] = true;
        }
    }

    /** Every cell not yet classified repeats the coarse cell at the top-left corner of its block. */
    private PlaneResult partial(int[] predicted, float[] probabilities, boolean[] done, int originalClass,
                                int stride) {
        int n = spec.resolution();
        int classes = model.numClasses();
        int[] pred = predicted.clone();
        float[] prob = probabilities.clone();
        for (int c = 0; c < n * n; c++) {
            if (!done[c]) {
                int anchor = ((c / n) / stride * stride) * n + (c % n) / stride * stride;
                pred[c] = predicted[anchor];
                System.arraycopy(probabilities, anchor * classes, prob, c * classes, classes);
            }
        }
        return new PlaneResult(model.info().name(), model.classNames(), plane, spec, pred, prob, originalClass,
                false, stride);
    }
}
