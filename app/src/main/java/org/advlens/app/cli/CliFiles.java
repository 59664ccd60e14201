package org.advlens.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of user-given paths, so a typo fails with one clear sentence before any work starts. */
final class CliFiles {

    private CliFiles() {
    }

    /** @throws IllegalArgumentException if {@code path} does not exist or is not a regular file */
    static Path requireFile(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(what + " not found: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " is not a file: " + path);
        }
        return path;
    }

    /** @throws IllegalArgumentException if {@code path} does not exist */
    static Path requireExisting(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(what + " not found: " + path);
        }
        return path;
    }

    /** Creates the output folder. @throws IllegalArgumentException if it exists and is not a folder */
    static Path outputFolder(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out must be a folder, but " + dir + " is a file");
        }
        return Files.createDirectories(dir);
    }
}
