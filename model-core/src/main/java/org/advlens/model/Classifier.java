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

    /** An independent instance on the same weights' values, safe to use from another thread. */
    Classifier copy();

    @Override
    void close();
}
