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

    /** The message of the innermost cause of {@code e}, or its class name when that has none. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
