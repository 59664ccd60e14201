package org.advlens.model;

import java.nio.file.Path;

/** A model file could not be turned into a classifier. The message names the file and the problem. */
public final class ModelLoadException extends Exception {

    public ModelLoadException(Path file, String problem) {
        super(file.getFileName() + ": " + problem);
    }

    public ModelLoadException(Path file, String problem, Throwable cause) {
        super(file.getFileName() + ": " + problem, cause);
    }
}
