package org.advlens.model;

import java.util.Map;
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
}
