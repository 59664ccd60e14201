package org.advlens.app.shell;

import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;
import org.advlens.app.common.Notices;
import org.advlens.app.jobs.JobRunner;
import org.advlens.bench.EngineInfo;

/**
 * The status bar's texts: the latest notice, the engine (backend, threads, BLAS) and the JVM's memory.
 * The engine is asked once, on the engine thread, because asking starts ND4J.
 */
public final class StatusViewModel {

    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper(this, "engine", "Engine: starting…");
    private final ReadOnlyStringWrapper engineDetails = new ReadOnlyStringWrapper(this, "engineDetails", "");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");
    private final StringBinding message;
    private Timeline timer;

    private final Notices notices;

    public StatusViewModel(Notices notices) {
        this.notices = notices;
        message = Bindings.createStringBinding(() -> notices.latestProperty().get() == null ? "Ready"
                : notices.latestProperty().get().line(), notices.latestProperty());
        updateMemory();
    }

    /** Asks the engine what it runs on (on the engine thread) and starts the memory display. */
    public void start(JobRunner jobs) {
        jobs.submitQuietly("Start the engine", (p, t) -> EngineInfo.current()).whenSucceeded(info -> {
            engine.set(describe(info));
            info.backendProblem().ifPresent(problem -> notices.warning("Engine backend", problem));
            engineDetails.set("ND4J " + info.implementation() + ": " + info.threads() + " native threads, "
                    + info.cores() + " processors, heap limit " + (info.maxHeapBytes() >> 20) + " MB");
        }).whenFailed(m -> engine.set("Engine: unavailable"));
        timer = new Timeline(new KeyFrame(Duration.seconds(2), e -> updateMemory()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    public void stop() {
        if (timer != null) {
            timer.stop();
        }
    }

    /** "Engine: CPU · 2 threads". */
    static String describe(EngineInfo info) {
        return "Engine: " + info.backend() + " · " + info.threads() + (info.threads() == 1 ? " thread" : " threads");
    }

    private void updateMemory() {
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long max = rt.maxMemory() >> 20;
        memory.set(String.format(Locale.ROOT, "Memory %d / %d MB", used, max));
    }

    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty engineDetailsProperty() {
        return engineDetails.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    public StringBinding messageProperty() {
        return message;
    }
}
