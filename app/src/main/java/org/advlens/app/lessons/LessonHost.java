package org.advlens.app.lessons;

import java.util.concurrent.CompletableFuture;

/** What a lesson needs from the application around the pages: switching pages, models and images. */
public interface LessonHost {

    /** Opens a page. */
    void show(LessonPage page);

    /**
     * Loads a bundled model ({@code standard}, {@code robust} or {@code distilled}, see {@link LessonStep#MODELS})
     * unless it is already the current one; completes once it is loaded and the images are fitted to it.
     */
    CompletableFuture<Void> useModel(String name);

    /**
     * Selects a bundled sample by its class name, or {@value LessonStep#ADVERSARIAL_SAMPLE} for the Attack page's
     * last adversarial image.
     *
     * @throws IllegalArgumentException naming the sample and the ones there are
     */
    void selectSample(String name);

    /**
     * The page's lesson interface.
     *
     * @throws IllegalArgumentException when lessons cannot set or run anything on that page
     */
    LessonTarget target(LessonPage page);
}
