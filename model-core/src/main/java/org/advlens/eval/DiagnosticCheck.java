package org.advlens.eval;

/**
 * One check of {@link EvaluationDiagnostics}.
 *
 * @param id stable short identifier, e.g. {@code "black-box-not-stronger"}
 * @param title what is checked, in a few words
 * @param status whether the check passed or warns
 * @param message a sentence a person can act on, with the numbers behind the verdict
 */
public record DiagnosticCheck(String id, String title, Status status, String message) {

    /** The verdict of a check. */
    public enum Status {
        PASS,
        WARN
    }

    public DiagnosticCheck {
        if (id == null || id.isBlank() || title == null || status == null || message == null) {
            throw new IllegalArgumentException("a check needs an id, a title, a status and a message");
        }
    }

    static DiagnosticCheck pass(String id, String title, String message) {
        return new DiagnosticCheck(id, title, Status.PASS, message);
    }

    static DiagnosticCheck warn(String id, String title, String message) {
        return new DiagnosticCheck(id, title, Status.WARN, message);
    }
}
