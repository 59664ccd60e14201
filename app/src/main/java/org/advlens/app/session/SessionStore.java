package org.advlens.app.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the session file {@code session.json} in the configuration folder: the system property
 * {@code advlens.config.dir} if set, else {@code $XDG_CONFIG_HOME/advlens}, else {@code ~/.config/advlens}.
 * A missing or unreadable file gives an empty session; saving never throws.
 */
public final class SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The stored session.
     *
     * @param recentModels model files, newest first
     * @param recentImages image files, newest first
     * @param recentData data-set files or folders, newest first
     * @param window the main window's last bounds, or {@code null}
     * @param darkTheme whether the dark theme was on
     * @param lastDirectory the folder last used in a file chooser, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(List<String> recentModels, List<String> recentImages, List<String> recentData,
                        WindowBounds window, boolean darkTheme, String lastDirectory) {
        public State {
            recentModels = recentModels == null ? List.of() : List.copyOf(recentModels);
            recentImages = recentImages == null ? List.of() : List.copyOf(recentImages);
            recentData = recentData == null ? List.of() : List.copyOf(recentData);
        }

        public static State empty() {
            return new State(List.of(), List.of(), List.of(), null, false, null);
        }
    }

    /** Window position and size in screen coordinates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    private final Path file;

    public SessionStore(Path file) {
        this.file = file;
    }

    /** The store in the default configuration folder. */
    public static SessionStore standard() {
        return new SessionStore(configDir().resolve("session.json"));
    }

    public static Path configDir() {
        String override = System.getProperty("advlens.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("advlens");
    }

    public Path file() {
        return file;
    }

    public State load() {
        if (!Files.isRegularFile(file)) {
            return State.empty();
        }
        try {
            State s = JSON.readValue(file.toFile(), State.class);
            return s == null ? State.empty() : s;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable session file {}: {}", file, e.getMessage());
            return State.empty();
        }
    }

    /** Writes atomically (to a temporary file, then a move); logs and carries on if that fails. */
    public void save(State state) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the session to {}: {}", file, e.getMessage());
        }
    }
}
