package org.advlens.app.lessons;

import java.util.List;

/**
 * A guided walkthrough: a sequence of short steps that drive the real views with preset parameters.
 *
 * @param id       a short name, unique among the lessons, e.g. {@code "why-fgsm-works"}
 * @param title    the title shown in the lessons list
 * @param summary  one sentence on what the lesson shows
 * @param order    position in the lessons list (lower first)
 * @param steps    at least one step
 * @param source   where the lesson was read from (a file path or {@code bundled:name}), for messages
 */
public record Lesson(String id, String title, String summary, int order, List<LessonStep> steps, String source) {

    public Lesson {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("id must be lower-case letters, digits and dashes, got '" + id + "'");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a lesson needs a title");
        }
        summary = summary == null ? "" : summary.strip();
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs at least one step");
        }
        steps = List.copyOf(steps);
        source = source == null ? "" : source;
    }

    public int size() {
        return steps.size();
    }

    public LessonStep step(int index) {
        return steps.get(index);
    }
}
