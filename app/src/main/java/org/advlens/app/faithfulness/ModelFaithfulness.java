package org.advlens.app.faithfulness;

import org.advlens.model.ModelInfo;
import org.advlens.saliency.faithfulness.FaithfulnessResult;

/**
 * One model's faithfulness table.
 *
 * @param label the model's name in the table and the charts
 * @param model the model's description, for provenance
 * @param result its table over the methods and images
 */
public record ModelFaithfulness(String label, ModelInfo model, FaithfulnessResult result) {

    public ModelFaithfulness {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a model's table needs a name, got '" + label + "'");
        }
        if (model == null || result == null) {
            throw new IllegalArgumentException("the table of " + label + " needs its model and result");
        }
    }
}
