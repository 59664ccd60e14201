package org.advlens.app.curves;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The file choosers the curve form needs from the main window. */
public interface DataChoosers {

    /** Asks for an IDX image file, or a class folder when {@code folder} is true; calls back only if chosen. */
    void chooseData(boolean folder, Consumer<Path> chosen);

    /** Asks for an IDX label file; calls back only if chosen. */
    void chooseLabels(Consumer<Path> chosen);

    /** Asks for a model file (a second model to compare with); calls back only if chosen. */
    void chooseModel(Consumer<Path> chosen);
}
