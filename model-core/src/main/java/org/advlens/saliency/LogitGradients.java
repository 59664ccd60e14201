package org.advlens.saliency;

import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients and values of one logit per example, over many examples held as a flat NCHW float array, computed
 * in batches of a bounded size through {@link Classifier#logitGradient} with one-hot weights.
 */
public final class LogitGradients {

    private LogitGradients() {
    }

    /**
     * {@code d z[targets[i]] / d x_i} for each of the {@code n} examples in {@code pixels}.
     *
     * @param pixels {@code n * size} values, NCHW, {@code size = c*h*w} of the model's input
     */
    public static float[] gradients(Classifier model, float[] pixels, int[] targets, int batchSize,
                             CancellationToken cancellation) {
        int size = model.inputSpec().size();
        int n = targets.length;
        float[] out = new float[n * size];
        for (int from = 0; from < n; from += batchSize) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + batchSize);
            INDArray x = batch(model, pixels, from, to);
            INDArray w = Logits.oneHot(java.util.Arrays.copyOfRange(targets, from, to), model.numClasses());
            float[] g = flat(model.logitGradient(x, w));
            System.arraycopy(g, 0, out, from * size, g.length);
        }
        return out;
    }

    /** The target logit {@code z[targets[i]]} of each example. */
    public static double[] logits(Classifier model, float[] pixels, int[] targets, int batchSize,
                           CancellationToken cancellation) {
        int n = targets.length;
        double[] out = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + batchSize);
            float[][] z = Logits.rows(model.logits(batch(model, pixels, from, to)).castTo(DataType.FLOAT));
            for (int i = from; i < to; i++) {
                out[i] = z[i - from][targets[i]];
            }
        }
        return out;
    }

    public static INDArray batch(Classifier model, float[] pixels, int from, int to) {
        int size = model.inputSpec().size();
        float[] b = java.util.Arrays.copyOfRange(pixels, from * size, to * size);
        return Nd4j.create(b, model.inputSpec().shape(to - from), 'c');
    }

    public static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
