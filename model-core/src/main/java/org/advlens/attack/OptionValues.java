package org.advlens.attack;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Option values given by name, as a command line or a form has them: numbers, or text that parses as one. An
 * attack's factory reads each option it takes with a default; the registry then refuses any option that was
 * given but not read, so a value never silently does nothing.
 */
public final class OptionValues {

    private final Map<String, ?> values;
    private final Set<String> read = new LinkedHashSet<>();

    private OptionValues(Map<String, ?> values) {
        this.values = values;
    }

    /** No values: every option keeps its default. */
    public static OptionValues none() {
        return new OptionValues(Map.of());
    }

    /** @throws IllegalArgumentException if a key or value is {@code null} */
    public static OptionValues of(Map<String, ?> values) {
        if (values == null) {
            throw new IllegalArgumentException("option values must not be null");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("option " + k + " has no value");
            }
            copy.put(k, v);
        });
        return new OptionValues(copy);
    }

    /** The whole number given as {@code key}, or {@code otherwise}. */
    public int whole(String key, int otherwise) {
        Object v = take(key);
        if (v == null) {
            return otherwise;
        }
        double d = number(key, v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a whole number, got " + v);
        }
        return (int) d;
    }

    /** The number given as {@code key}, or {@code otherwise}. */
    public double real(String key, double otherwise) {
        Object v = take(key);
        return v == null ? otherwise : number(key, v);
    }

    /** Whether {@code key} was given (reading it counts as using it). */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    private Object take(String key) {
        read.add(key);
        return values.get(key);
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
    }

    /**
     * @throws IllegalArgumentException naming the options that {@code attack} does not take, and those it
     *                                  takes
     */
    public void requireAllRead(String attack) {
        Set<String> unused = new LinkedHashSet<>(values.keySet());
        unused.removeAll(read);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("option" + (unused.size() > 1 ? "s " : " ") + join(unused)
                    + " do" + (unused.size() > 1 ? "" : "es") + " not apply to " + attack + "; it takes "
                    + (read.isEmpty() ? "no options" : join(read)));
        }
    }

    private static String join(Collection<String> names) {
        return String.join(", ", names);
    }
}
