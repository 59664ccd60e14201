package org.advlens.app.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.session.SessionStore.State;
import org.advlens.app.session.SessionStore.WindowBounds;

/**
 * What the application remembers between runs, as properties: recent models, images and data sets (newest
 * first, at most {@link #MAX_RECENT} each), the window bounds, the theme and the last folder used.
 */
public final class SessionViewModel {

    public static final int MAX_RECENT = 10;

    private final SessionStore store;
    private final ObservableList<Path> recentModels = FXCollections.observableArrayList();
    private final ObservableList<Path> recentImages = FXCollections.observableArrayList();
    private final ObservableList<Path> recentData = FXCollections.observableArrayList();
    private final ObjectProperty<WindowBounds> window = new SimpleObjectProperty<>(this, "window");
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");
    private final ObjectProperty<Path> lastDirectory = new SimpleObjectProperty<>(this, "lastDirectory");

    public SessionViewModel(SessionStore store) {
        this.store = store;
        State s = store.load();
        recentModels.setAll(paths(s.recentModels()));
        recentImages.setAll(paths(s.recentImages()));
        recentData.setAll(paths(s.recentData()));
        window.set(s.window());
        darkTheme.set(s.darkTheme());
        lastDirectory.set(s.lastDirectory() == null ? null : Path.of(s.lastDirectory()));
        javafx.beans.InvalidationListener persist = o -> save();
        recentModels.addListener(persist);
        recentImages.addListener(persist);
        recentData.addListener(persist);
        darkTheme.addListener(persist);
    }

    public void rememberModel(Path file) {
        remember(recentModels, file);
    }

    public void rememberImage(Path file) {
        remember(recentImages, file);
    }

    public void rememberData(Path file) {
        remember(recentData, file);
    }

    /** Drops a file that could not be opened from every recent list. */
    public void forget(Path file) {
        Path p = file.toAbsolutePath().normalize();
        recentModels.remove(p);
        recentImages.remove(p);
        recentData.remove(p);
    }

    private void remember(ObservableList<Path> list, Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> updated = new java.util.ArrayList<>(list);
        updated.remove(p);
        updated.add(0, p);
        if (updated.size() > MAX_RECENT) {
            updated = updated.subList(0, MAX_RECENT);
        }
        if (p.getParent() != null) {
            lastDirectory.set(p.getParent());
        }
        list.setAll(updated);
    }

    public ObservableList<Path> recentModels() {
        return recentModels;
    }

    public ObservableList<Path> recentImages() {
        return recentImages;
    }

    public ObservableList<Path> recentData() {
        return recentData;
    }

    public ObjectProperty<WindowBounds> windowProperty() {
        return window;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    public ObjectProperty<Path> lastDirectoryProperty() {
        return lastDirectory;
    }

    /** The folder a file chooser should open in: the last one used if it still exists. */
    public Path initialDirectory() {
        Path d = lastDirectory.get();
        return d != null && Files.isDirectory(d) ? d : null;
    }

    public void save() {
        store.save(new State(strings(recentModels), strings(recentImages), strings(recentData), window.get(),
                darkTheme.get(), lastDirectory.get() == null ? null : lastDirectory.get().toString()));
    }

    private static List<Path> paths(List<String> names) {
        return names.stream().filter(n -> n != null && !n.isBlank()).map(Path::of).distinct()
                .limit(MAX_RECENT).toList();
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }
}
