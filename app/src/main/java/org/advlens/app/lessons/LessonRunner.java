package org.advlens.app.lessons;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Walks a lesson: each step loads its model, opens its page, selects its image, sets its parameters and runs
 * its job, in that order, through the {@link LessonHost} and the pages' {@link LessonTarget}s, and waits for the
 * job before Next is offered again. Back returns to the previous step's page and text without running it again.
 * A step that fails says why in {@link #problemProperty()}; the lesson can go on.
 */
public final class LessonRunner {

    private final Lesson lesson;
    private final LessonHost host;
    private final Executor ui;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<LessonStep> step = new ReadOnlyObjectWrapper<>(this, "step");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final BooleanBinding canNext;
    private final BooleanBinding canBack;
    private final StringBinding progressText;
    private long generation;
    private boolean left;

    /**
     * @param ui where the steps' actions run once a model has loaded or a job finished (the FX thread in the
     *           application, a direct executor in tests)
     */
    public LessonRunner(Lesson lesson, LessonHost host, Executor ui) {
        this.lesson = lesson;
        this.host = host;
        this.ui = ui;
        canNext = Bindings.createBooleanBinding(() -> !busy.get() && index.get() < lesson.size() - 1, busy, index);
        canBack = Bindings.createBooleanBinding(() -> !busy.get() && index.get() > 0, busy, index);
        progressText = Bindings.createStringBinding(() -> "Step " + (index.get() + 1) + " of " + lesson.size(),
                index);
    }

    /** Goes to the first step and performs it. */
    public CompletableFuture<Void> start() {
        return perform(0);
    }

    /** Goes to the next step and performs it; returns when its job has finished. */
    public CompletableFuture<Void> next() {
        if (!canNext.get()) {
            return CompletableFuture.completedFuture(null);
        }
        return perform(index.get() + 1);
    }

    /** Shows the previous step's text and page, keeping the results on screen. */
    public void back() {
        if (!canBack.get()) {
            return;
        }
        int i = index.get() - 1;
        generation++;
        problem.set("");
        index.set(i);
        step.set(lesson.step(i));
        if (lesson.step(i).page() != null) {
            host.show(lesson.step(i).page());
        }
    }

    /** Performs the current step again (after a failure, or to see it once more). */
    public CompletableFuture<Void> repeat() {
        return busy.get() || index.get() < 0 ? CompletableFuture.completedFuture(null) : perform(index.get());
    }

    /** Stops following the lesson; jobs already started go on in the jobs panel. */
    public void leave() {
        left = true;
        generation++;
        busy.set(false);
    }

    private CompletableFuture<Void> perform(int i) {
        long id = ++generation;
        LessonStep s = lesson.step(i);
        index.set(i);
        step.set(s);
        problem.set("");
        busy.set(true);
        CompletableFuture<Void> loaded = s.model() == null ? CompletableFuture.completedFuture(null)
                : host.useModel(s.model());
        return loaded.thenComposeAsync(x -> current(id) ? act(s) : CompletableFuture.<Void>completedFuture(null), ui)
                .handleAsync((x, failure) -> {
                    if (current(id)) {
                        busy.set(false);
                        if (failure != null) {
                            problem.set(readable(failure));
                        }
                    }
                    return null;
                }, ui);
    }

    /** The step's page, image, parameters and job, synchronously up to the job's start. */
    private CompletableFuture<Void> act(LessonStep s) {
        if (s.page() != null) {
            host.show(s.page());
        }
        if (s.sample() != null) {
            host.selectSample(s.sample());
        }
        LessonTarget target = s.page() == null || (s.params().isEmpty() && !s.runs()) ? null : host.target(s.page());
        if (target != null && !s.params().isEmpty()) {
            target.apply(s.params());
        }
        return target != null && s.runs() ? target.run(s.run()) : CompletableFuture.completedFuture(null);
    }

    private boolean current(long id) {
        return id == generation && !left;
    }

    private static String readable(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public Lesson lesson() {
        return lesson;
    }

    /** The current step's position, from 0. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LessonStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Whether the current step's model is loading or its job is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the current step could not be performed, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public BooleanBinding canNextProperty() {
        return canNext;
    }

    public BooleanBinding canBackProperty() {
        return canBack;
    }

    /** "Step 3 of 7". */
    public StringBinding progressTextProperty() {
        return progressText;
    }
}
