package org.advlens.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image classifier as the engine sees it: batched, pixel-space, NCHW, returning logits.
 *
 * <p>Inputs are {@code float} arrays of shape {@code [n, c, h, w]} with values inside the
 * {@link InputSpec} bounds. Any normalisation and layout change happens inside the implementation.
 *
 * <p>An instance is confined to one thread at a time (DL4J networks keep per-call state). A second
 * worker thread gets its own instance from {@link #copy()}.
 */
public interface Classifier extends AutoCloseable {

    ModelInfo info();

    default InputSpec inputSpec() {
        return info().input();
    }

    default List<String> classNames() {
        return info().classNames();
    }

    default int numClasses() {
        return info().numClasses();
    }

    /** Logits (pre-softmax scores), shape {@code [n, classes]}. */
    INDArray logits(INDArray x);

    /** Softmax of the logits, shape {@code [n, classes]}. */
    default INDArray probabilities(INDArray x) {
        return Logits.softmax(logits(x));
    }

    /** Index of the largest logit for each example. */
    default int[] predict(INDArray x) {
        return Logits.argmax(logits(x));
    }

    /**
     * Gradient with respect to {@code x} of the summed softmax cross-entropy
     * {@code sum_i -log softmax(z_i)[labels_i]}, computed from the logits.
     */
    INDArray lossGradient(INDArray x, int[] labels);

    /**
     * Gradient with respect to {@code x} of {@code sum_i sum_k weights[i,k] * z[i,k]}: the gradient of any
     * weighted sum of logits (a margin {@code z_t - z_c} with weights {@code e_t - e_c}, or one logit).
     */
    INDArray logitGradient(INDArray x, INDArray weights);

    /**
     * Logits and the input gradient of {@code sum_i ce[i] . (-log softmax z_i) + sum_i w[i] . z_i} in one pass:
     * one-hot {@code ce} rows give {@link #lossGradient}, {@code w} rows {@link #logitGradient}. Either may be
     * {@code null}. Classifiers on the gradient engine compute both in one run; the default makes two or three calls and
     * handles {@code ce} rows that are one-hot or zero.
     */
    default LogitsAndGradient logitsAndGradient(INDArray x, INDArray crossEntropyWeights, INDArray logitWeights) {
        INDArray z = logits(x);
        INDArray g = null;
        if (crossEntropyWeights != null) {
            g = lossGradient(x, Logits.argmax(crossEntropyWeights)).muli(
                    crossEntropyWeights.sum(1).reshape(x.size(0), 1, 1, 1).castTo(x.dataType()));
        }
        if (logitWeights != null) {
            INDArray lg = logitGradient(x, logitWeights);
            g = g == null ? lg : g.addi(lg);
        }
        return new LogitsAndGradient(z, g != null ? g : x.like().assign(0));
    }

    /**
     * {@link #logitsAndGradient(INDArray, INDArray, INDArray)} on plain arrays, for loops that take many steps: a
     * row-major pixel-space batch of {@code n} images, optional {@code [n, classes]} weights, and output arrays
     * the caller owns ({@code logits}: {@code n * classes}; {@code gradient}: the size of {@code x}). Classifiers
     * on the gradient engine run it without allocating per call; the default goes through the array method.
     */
    default void logitsAndGradient(float[] x, int n, float[] crossEntropyWeights, float[] logitWeights,
                                   float[] logits, float[] gradient) {
        InputSpec spec = inputSpec();
        INDArray xs = org.nd4j.linalg.factory.Nd4j.create(x, spec.shape(n), 'c');
        long[] matrix = {n, numClasses()};
        LogitsAndGradient r = logitsAndGradient(xs,
                crossEntropyWeights == null ? null : org.nd4j.linalg.factory.Nd4j.create(crossEntropyWeights, matrix, 'c'),
                logitWeights == null ? null : org.nd4j.linalg.factory.Nd4j.create(logitWeights, matrix, 'c'));
        System.arraycopy(r.logits().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat(), 0,
                logits, 0, logits.length);
        System.arraycopy(r.inputGradient().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data()
                .asFloat(), 0, gradient, 0, gradient.length);
    }

    /** Which engines compute this classifier's logits and gradients. */
    default ComputePath computePath() {
        return new ComputePath(getClass().getSimpleName(), getClass().getSimpleName(), "");
    }

    /** An independent instance on the same weights' values, safe to use from another thread. */
    Classifier copy();

    @Override
    void close();
}
