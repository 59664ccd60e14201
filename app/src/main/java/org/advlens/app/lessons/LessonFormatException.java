package org.advlens.app.lessons;

/**
 * A lesson file that cannot be used, with where the problem is: the file, the line and the field (such as
 * {@code steps[2].page}).
 */
public final class LessonFormatException extends Exception {

    private final String source;
    private final int line;
    private final String field;

    public LessonFormatException(String source, int line, String field, String problem) {
        super(source + (line > 0 ? ", line " + line : "") + (field.isEmpty() ? "" : ", " + field) + ": " + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The field's path in the file, e.g. {@code steps[2].params.eps}, or empty for the file as a whole. */
    public String field() {
        return field;
    }
}
