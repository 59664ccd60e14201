package org.advlens.app.curves;

import java.nio.file.Path;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoadException;
import org.advlens.model.load.ModelLoader;

/**
 * A second model whose curves are drawn beside the current model's: the bundled adversarially trained CNN or a
 * model file. It is loaded for the run on the engine thread and closed after it; the current model stays.
 *
 * @param label its name in the chart's legend
 * @param file the model file, or {@code null} for the bundled robust model
 */
public record ComparisonModel(String label, Path file) {

    /** The legend's name for the bundled robust model. */
    public static final String BUNDLED_ROBUST_LABEL = "bundled robust model (PGD-AT, L∞ 0.1)";

    public ComparisonModel {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a comparison model needs a name for the legend, got '" + label + "'");
        }
    }

    /** The bundled PGD-trained Fashion-MNIST CNN. */
    public static ComparisonModel bundledRobust() {
        return new ComparisonModel(BUNDLED_ROBUST_LABEL, null);
    }

    /** A model file, named by its file name. */
    public static ComparisonModel of(Path file) {
        return new ComparisonModel(file.getFileName().toString(), file);
    }

    /** Loads the model; the caller closes it. Call on the engine thread. */
    Classifier load() throws ModelLoadException {
        return file == null ? ModelLoader.bundledRobust() : ModelLoader.load(file);
    }
}
