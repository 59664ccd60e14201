package org.advlens.app.counterfactual;

import java.util.List;
import java.util.Map;
import org.advlens.app.common.ClassScore;
import org.advlens.app.common.ImageItem;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.Plausibility;
import org.advlens.model.ModelInfo;

/**
 * The counterfactuals of one image towards one class, one per method, with their plausibility measures.
 *
 * @param image the explained image
 * @param model the model
 * @param items one per method, in the order run
 */
public record CounterfactualResult(ImageItem image, ModelInfo model, List<Item> items) {

    /**
     * @param displayName the method's display name
     * @param parameters the method's settings, for the export
     * @param counterfactual the engine's result
     * @param plausibility its measures
     */
    public record Item(String displayName, Map<String, Object> parameters, Counterfactual counterfactual,
                       Plausibility plausibility) {
    }

    public CounterfactualResult {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a counterfactual result needs at least one item");
        }
    }

    public String className(int index) {
        return ClassScore.nameOf(model.classNames(), index);
    }
}
