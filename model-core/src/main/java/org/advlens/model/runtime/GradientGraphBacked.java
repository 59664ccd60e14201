package org.advlens.model.runtime;

import java.util.Map;
import org.advlens.model.Classifier;
import org.advlens.model.gradient.BackwardRule;
import org.advlens.model.gradient.UnsupportedGradientException;

/**
 * A capability of a {@link Classifier}: its gradients come from a gradient graph whose backward rules can be
 * replaced, so methods that change the backward pass (guided backpropagation, deconvnet, relevance rules) run on
 * the gradient engine instead of editing the network. Query it with {@code model instanceof GradientGraphBacked}.
 */
public interface GradientGraphBacked {

    /**
     * A classifier with the same logits whose backward pass uses {@code overrides} (by ONNX op type) in place of
     * the default rules. The caller closes it.
     *
     * @throws UnsupportedGradientException if a rule cannot handle one of the model's nodes
     */
    Classifier withBackwardRules(Map<String, BackwardRule> overrides) throws UnsupportedGradientException;

    /**
     * The image-shaped inner layers of the graph (outputs of convolutions, their activations, pooling, batch
     * normalisation and residual sums), input to output, by their value names in the graph.
     */
    java.util.List<String> spatialLayers();

    /** The output of the last convolution (or its activation), or empty: Grad-CAM's default layer. */
    String lastConvolutionLayer();

    /**
     * The activation of inner layer {@code layer} for a pixel-space batch and the gradient of
     * {@code sum w . logits} with respect to it, from one run of a gradient graph that also outputs that layer.
     *
     * @throws UnsupportedGradientException if {@code layer} is not one of {@link #spatialLayers()}
     */
    ActivationGradient activationGradient(String layer, org.nd4j.linalg.api.ndarray.INDArray x,
                                          org.nd4j.linalg.api.ndarray.INDArray logitWeights)
            throws UnsupportedGradientException;
}
