package org.advlens.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file (IDX, image or folder) could not be read. The message names the file and what was expected. */
public final class DataLoadException extends IOException {

    private static final long serialVersionUID = 1L;

    public DataLoadException(String source, String problem) {
        super(source + ": " + problem);
    }

    public DataLoadException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }

    public DataLoadException(Path file, String problem) {
        this(String.valueOf(file.getFileName()), problem);
    }

    public DataLoadException(Path file, String problem, Throwable cause) {
        this(String.valueOf(file.getFileName()), problem, cause);
    }
}
