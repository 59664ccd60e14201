package org.advlens.app.lessons;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Notices;

/**
 * The teaching mode's state: the lessons on offer (bundled, from the user's lessons folder, or opened from a
 * file), whether the lessons panel is shown, and the lesson being followed.
 */
public final class LessonsViewModel {

    private final LessonHost host;
    private final Notices notices;
    private final Executor ui;
    private final Path userFolder;
    private final ObservableList<Lesson> lessons = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LessonRunner> runner = new ReadOnlyObjectWrapper<>(this, "runner");
    private final BooleanProperty panelVisible = new SimpleBooleanProperty(this, "panelVisible", false);
    private boolean loaded;

    /**
     * @param userFolder a folder whose {@code .json} files are lessons too, or {@code null}
     * @param ui         the executor of the FX thread, for a lesson's steps
     */
    public LessonsViewModel(LessonHost host, Notices notices, Path userFolder, Executor ui) {
        this.host = host;
        this.notices = notices;
        this.userFolder = userFolder;
        this.ui = ui;
    }

    /** Shows the panel with the list of lessons (read on first use). */
    public void showList() {
        if (!loaded) {
            reload();
        }
        leave();
        panelVisible.set(true);
    }

    /** Reads the bundled lessons and the user's folder again. */
    public void reload() {
        LessonLibrary.Loaded l = LessonLibrary.load(userFolder);
        lessons.setAll(l.lessons());
        l.problems().forEach(p -> notices.warning("Lesson not loaded", p.getMessage()));
        loaded = true;
    }

    /** Starts a lesson at its first step. */
    public LessonRunner start(Lesson lesson) {
        leave();
        LessonRunner r = new LessonRunner(lesson, host, ui);
        runner.set(r);
        panelVisible.set(true);
        r.start();
        return r;
    }

    /** Opens a lesson file (from a dialog or dropped on the window), adds it to the list and starts it. */
    public LessonRunner open(Path file) {
        try {
            Lesson lesson = LessonParser.parse(file);
            if (!loaded) {
                reload();
            }
            lessons.removeIf(l -> l.id().equals(lesson.id()));
            lessons.add(lesson);
            return start(lesson);
        } catch (LessonFormatException e) {
            notices.error("Cannot open the lesson", e.getMessage());
            return null;
        }
    }

    /** Stops following the current lesson and returns to the list (Esc). */
    public void leave() {
        LessonRunner r = runner.get();
        if (r != null) {
            r.leave();
            runner.set(null);
        }
    }

    /** Leaves the lesson and hides the panel. */
    public void close() {
        leave();
        panelVisible.set(false);
    }

    /** Whether a dropped file looks like a lesson: a {@code .json} file that has a {@code "steps"} field. */
    public static boolean looksLikeLesson(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".json")) {
            return false;
        }
        try {
            return java.nio.file.Files.size(file) <= LessonParser.MAX_BYTES && java.nio.file.Files.readString(file)
                    .contains("\"steps\"");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    public ObservableList<Lesson> lessons() {
        return lessons;
    }

    /** The lesson being followed, or {@code null} when the list is shown. */
    public ReadOnlyObjectProperty<LessonRunner> runnerProperty() {
        return runner.getReadOnlyProperty();
    }

    public BooleanProperty panelVisibleProperty() {
        return panelVisible;
    }

    public Path userFolder() {
        return userFolder;
    }
}
