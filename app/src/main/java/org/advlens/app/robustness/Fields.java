package org.advlens.app.robustness;

/** Parses the text of a parameter field, with a message that names the field and repeats what was typed. */
final class Fields {

    private Fields() {
    }

    static double number(String field, String text) {
        try {
            double v = Double.parseDouble(strip(text));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, got '" + text + "'");
        }
    }

    static int whole(String field, String text, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(strip(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, got '" + text + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(field + " must be " + min + " to " + max + ", got " + v);
        }
        return v;
    }

    static long seed(String text) {
        try {
            return Long.parseLong(strip(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed must be a whole number, got '" + text + "'");
        }
    }

    /** The message of what {@code check} throws, or an empty string when it passes. */
    static String problem(Runnable check) {
        try {
            check.run();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
