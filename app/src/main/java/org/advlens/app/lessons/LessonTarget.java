package org.advlens.app.lessons;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a page offers a lesson: named parameters it can set on its view model, and commands it can run. A lesson
 * drives a page only through this interface, never through its controls.
 */
public interface LessonTarget {

    /** The parameter names {@link #apply} accepts. */
    List<String> parameterNames();

    /** The commands {@link #run} accepts; the first is the page's main job ({@value LessonStep#MAIN_COMMAND}). */
    List<String> commands();

    /**
     * Sets the named parameters on the page's form, checking every name and value first.
     *
     * @throws IllegalArgumentException naming the parameter and the value that is wrong, and what was expected
     */
    void apply(Map<String, String> params);

    /**
     * Starts a command and returns a future that completes when its job has finished, or completes exceptionally
     * (with a readable message) when it cannot start, fails or is cancelled.
     */
    CompletableFuture<Void> run(String command);
}
