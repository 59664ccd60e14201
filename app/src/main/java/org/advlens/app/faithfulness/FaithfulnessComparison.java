package org.advlens.app.faithfulness;

import java.util.List;

/**
 * What the Faithfulness view shows and exports: the faithfulness tables of one model, or of two side by side, on
 * the same images with the same methods and settings.
 *
 * @param data where the images came from
 * @param models one table per model, the current model first
 */
public record FaithfulnessComparison(String data, List<ModelFaithfulness> models) {

    public FaithfulnessComparison {
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("a faithfulness comparison needs at least one model's table");
        }
        models = List.copyOf(models);
        data = data == null ? "" : data;
    }

    /** Whether more than one model was evaluated. */
    public boolean comparing() {
        return models.size() > 1;
    }
}
