package org.advlens.app.train;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The file choosers the training form needs from the main window. */
public interface TrainingChoosers {

    /** Asks for the folder holding the Fashion-MNIST IDX files; calls back only if one was chosen. */
    void chooseTrainingData(Consumer<Path> chosen);

    /** Asks where to save the trained model, starting from {@code suggested}; calls back only if chosen. */
    void chooseTrainingOutput(Path suggested, Consumer<Path> chosen);
}
