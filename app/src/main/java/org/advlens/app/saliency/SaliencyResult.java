package org.advlens.app.saliency;

import java.util.List;
import java.util.Map;
import org.advlens.app.common.ClassScore;
import org.advlens.app.common.ImageItem;
import org.advlens.eval.Prediction;
import org.advlens.model.ModelInfo;
import org.advlens.saliency.SaliencyMap;

/**
 * The maps of several methods for one image and one target class, as plain data.
 *
 * @param image the explained image
 * @param model the explained model
 * @param target the class the maps explain
 * @param targetKind how the target was chosen ("predicted", "true", "class 3")
 * @param prediction the model's prediction on the image
 * @param maps one entry per method that ran, in the order chosen
 * @param skipped display names of chosen methods this model does not support
 */
public record SaliencyResult(ImageItem image, ModelInfo model, int target, String targetKind, Prediction prediction,
                             List<Entry> maps, List<String> skipped) {

    /**
     * One method's map.
     *
     * @param displayName e.g. "Integrated Gradients"
     * @param parameters the method's settings, for the export's provenance
     * @param map the map, a batch of one
     * @param seconds how long the method took
     */
    public record Entry(String displayName, Map<String, Object> parameters, SaliencyMap map, double seconds) {
    }

    public SaliencyResult {
        maps = List.copyOf(maps);
        skipped = List.copyOf(skipped);
    }

    public String className(int index) {
        return ClassScore.nameOf(model.classNames(), index);
    }
}
