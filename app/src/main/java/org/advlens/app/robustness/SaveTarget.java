package org.advlens.app.robustness;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Asks the main window for a file to export to. */
@FunctionalInterface
public interface SaveTarget {

    /** Asks for a file named {@code stem.extension} by default; calls back only if one is chosen. */
    void choose(String title, String stem, String extension, Consumer<Path> chosen);
}
