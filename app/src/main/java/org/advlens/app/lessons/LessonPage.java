package org.advlens.app.lessons;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The views a lesson step can open, by the names a lesson file uses ({@code "attack"}, {@code "sanity"}...). */
public enum LessonPage {
    ATTACK, CURVES, MODEL, SALIENCY, SANITY, COUNTERFACTUAL, TRAINING, ROBUSTNESS, BOUNDARY;

    /** The name in a lesson file: {@code "attack"}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The page a lesson file names.
     *
     * @throws IllegalArgumentException naming the value and the pages there are
     */
    public static LessonPage fromFileName(String name) {
        for (LessonPage p : values()) {
            if (p.fileName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown page '" + name + "'; expected one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(LessonPage::fileName).collect(Collectors.joining(", "));
    }
}
