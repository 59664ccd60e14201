package org.advlens.app.common;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns exceptions into one readable line for a person: the message, never a stack trace. */
public final class Messages {

    private Messages() {
    }

    /**
     * The most useful message of {@code error}: its own message, or that of the first cause that has one,
     * skipping wrapper exceptions; the exception's simple class name when none has a message.
     */
    public static String of(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Set<Throwable> seen = new HashSet<>();
        Throwable t = error;
        while (t != null && seen.add(t)) {
            boolean wrapper = t instanceof ExecutionException || t instanceof CompletionException
                    || t instanceof java.lang.reflect.InvocationTargetException;
            String m = t.getMessage();
            // new RuntimeException(cause) copies cause.toString() as its message: a wrapper too
            wrapper |= t.getCause() != null && m != null && m.equals(t.getCause().toString());
            if (!wrapper && m != null && !m.isBlank()) {
                return describe(t, m);
            }
            t = t.getCause();
        }
        return humanName(error.getClass().getSimpleName());
    }

    private static String describe(Throwable t, String message) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + message + "); try fewer images or a smaller model";
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + message;
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + message;
        }
        return message.strip();
    }

    private static String humanName(String simpleName) {
        return simpleName.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
