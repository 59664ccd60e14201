package org.advlens.app.cli;

import java.util.List;
import java.util.Locale;

/** Resolves a class given on the command line as an index or a (case-insensitive) class name. */
final class ClassNames {

    private ClassNames() {
    }

    static int resolve(String text, List<String> classNames, String option) {
        String t = text.trim();
        try {
            int i = Integer.parseInt(t);
            if (i < 0 || i >= classNames.size()) {
                throw new IllegalArgumentException(option + " " + i + " is outside [0, " + classNames.size()
                        + "); the model's classes are " + classNames);
            }
            return i;
        } catch (NumberFormatException e) {
            for (int i = 0; i < classNames.size(); i++) {
                if (classNames.get(i).toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
            throw new IllegalArgumentException(option + " '" + text + "' is neither a class index nor one of the "
                    + "model's classes " + classNames);
        }
    }
}
