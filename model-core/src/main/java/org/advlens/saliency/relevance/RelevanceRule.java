package org.advlens.saliency.relevance;

import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a convolution or dense layer hands the relevance of its outputs down to its inputs (Bach et al., "On
 * Pixel-Wise Explanations for Non-Linear Classifier Decisions by Layer-Wise Relevance Propagation", 2015;
 * Montavon et al., "Layer-Wise Relevance Propagation: An Overview", 2019). A rule is linear in the relevance it
 * is given: its shares depend only on the layer's input, never on the relevance.
 */
public interface RelevanceRule {

    /** A short name, e.g. {@code "epsilon(0.1)"}, for provenance. */
    String describe();

    /**
     * The relevance of the step's inputs.
     *
     * @param step a step with weights ({@link LayerStep.Kind#hasWeights()})
     * @param input the step's input, a batch in the network's layout
     * @param relevance the relevance of the step's outputs, shaped like its output
     * @param bounds the network input's lowest and highest values, shaped like the network input; read by the
     *               bounded input rule only
     */
    INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds);
}
