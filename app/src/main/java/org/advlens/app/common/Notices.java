package org.advlens.app.common;

import java.time.LocalTime;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Messages for the user from any view model: information, warnings and errors. The main view shows the
 * latest one in the status bar and warnings and errors as pop-up notifications; the messages panel lists them.
 * Safe to call from any thread: off the FX thread, the notice is posted to it.
 */
public final class Notices {

    /** How serious a notice is. */
    public enum Level { INFO, WARNING, ERROR }

    /**
     * One message.
     *
     * @param level how serious it is
     * @param title a few words: what happened
     * @param text the details a person can act on (an exception's message, never a stack trace)
     * @param time when it was posted
     */
    public record Notice(Level level, String title, String text, LocalTime time) {
        public Notice {
            Objects.requireNonNull(level, "level");
            title = title == null ? "" : title;
            text = text == null ? "" : text;
        }

        /** Title and text on one line. */
        public String line() {
            return text.isEmpty() ? title : title.isEmpty() ? text : title + ": " + text;
        }
    }

    private static final int KEEP = 200;

    private final ObservableList<Notice> log = FXCollections.observableArrayList();
    private final ObservableList<Notice> readOnlyLog = FXCollections.unmodifiableObservableList(log);
    private final ReadOnlyObjectWrapper<Notice> latest = new ReadOnlyObjectWrapper<>(this, "latest");

    public void info(String title, String text) {
        post(new Notice(Level.INFO, title, text, LocalTime.now()));
    }

    public void warning(String title, String text) {
        post(new Notice(Level.WARNING, title, text, LocalTime.now()));
    }

    public void error(String title, String text) {
        post(new Notice(Level.ERROR, title, text, LocalTime.now()));
    }

    public void post(Notice notice) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> post(notice));
            return;
        }
        log.add(0, notice);
        if (log.size() > KEEP) {
            log.remove(KEEP, log.size());
        }
        latest.set(notice);
    }

    /** Newest first. */
    public ObservableList<Notice> log() {
        return readOnlyLog;
    }

    public ReadOnlyObjectProperty<Notice> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public void clear() {
        log.clear();
    }
}
