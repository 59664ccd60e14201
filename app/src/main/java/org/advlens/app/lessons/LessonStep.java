package org.advlens.app.lessons;

import java.util.Map;

/**
 * One step of a lesson: a title, a sentence or two of explanation, the paper it rests on, and what the step does
 * to the application, in this order: load a model, open a page, select an image, set named parameters on the
 * page, run the page's job (and wait for it). A "try it yourself" step does nothing and hands control back.
 *
 * @param title    a short heading
 * @param text     the explanation shown beside the views
 * @param citation the paper, e.g. "Goodfellow, Shlens and Szegedy, ICLR 2015"; may be empty
 * @param model    a bundled model to load first ({@code standard}, {@code robust} or {@code distilled}), or
 *                 {@code null} to keep the current one
 * @param page     the page to open, or {@code null} to stay
 * @param sample   a bundled sample's class name (e.g. {@code "Coat"}), {@value #ADVERSARIAL_SAMPLE} for the Attack
 *                 page's last adversarial image, or {@code null}
 * @param params   named parameters for the page's form, as text; empty for none
 * @param run      the page's command to run and wait for ({@value #MAIN_COMMAND} for its main job), or
 *                 {@code null} for none
 * @param tryIt    whether this is a "try it yourself" step
 * @param line     the line of the step in its file, for messages
 */
public record LessonStep(String title, String text, String citation, String model, LessonPage page, String sample,
                         Map<String, String> params, String run, boolean tryIt, int line) {

    /** The models a step can load. */
    public static final java.util.List<String> MODELS = java.util.List.of("standard", "robust", "distilled");
    /** The sample name that stands for the Attack page's last adversarial image. */
    public static final String ADVERSARIAL_SAMPLE = "adversarial";
    /** The command name of a page's main job (the Run button). */
    public static final String MAIN_COMMAND = "run";

    public LessonStep {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a step needs a title");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a step needs a text");
        }
        citation = citation == null ? "" : citation.strip();
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        if (model != null && !MODELS.contains(model)) {
            throw new IllegalArgumentException("unknown model '" + model + "'; expected one of "
                    + String.join(", ", MODELS));
        }
        if (page == null && (!params.isEmpty() || run != null)) {
            throw new IllegalArgumentException("parameters and run need a page to act on");
        }
        if (run != null && run.isBlank()) {
            throw new IllegalArgumentException("run must name a command, e.g. \"" + MAIN_COMMAND + "\"");
        }
        if (tryIt && (run != null || model != null)) {
            throw new IllegalArgumentException("a \"try it yourself\" step hands control back: it cannot load a"
                    + " model or run a job");
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be ≥ 0, got " + line);
        }
    }

    /** Whether the step starts a job it waits for. */
    public boolean runs() {
        return run != null;
    }
}
