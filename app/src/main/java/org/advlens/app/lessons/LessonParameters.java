package org.advlens.app.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.Property;

/**
 * The named parameters of one page, each with the parsing of its text: the building block of the pages'
 * {@link LessonTarget}s. Every value is parsed before any is set, so a lesson with a bad value changes nothing.
 */
final class LessonParameters {

    private final String page;
    private final Map<String, Setter> setters = new LinkedHashMap<>();

    /** Parses a value and returns the action that sets it. */
    @FunctionalInterface
    interface Setter {
        Runnable parse(String value);
    }

    LessonParameters(String page) {
        this.page = page;
    }

    LessonParameters add(String name, Setter setter) {
        setters.put(name, setter);
        return this;
    }

    LessonParameters text(String name, Property<String> property) {
        return add(name, v -> () -> property.setValue(v));
    }

    LessonParameters number(String name, Consumer<Double> set) {
        return add(name, v -> {
            double d = parseNumber(name, v);
            return () -> set.accept(d);
        });
    }

    LessonParameters whole(String name, Property<Integer> property) {
        return add(name, v -> {
            int i = parseWhole(name, v);
            return () -> property.setValue(i);
        });
    }

    LessonParameters flag(String name, Property<Boolean> property) {
        return add(name, v -> {
            boolean b = switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
            };
            return () -> property.setValue(b);
        });
    }

    /** A choice among named values, e.g. the attack by its registry name. */
    <T> LessonParameters choice(String name, Map<String, T> choices, Property<T> property) {
        return add(name, v -> {
            T t = choices.get(v.strip().toLowerCase(Locale.ROOT));
            if (t == null) {
                throw new IllegalArgumentException(name + " '" + v + "' is not one of " + String.join(", ",
                        choices.keySet()));
            }
            return () -> property.setValue(t);
        });
    }

    List<String> names() {
        return List.copyOf(setters.keySet());
    }

    /**
     * Parses every value, then sets them in the order the parameters were declared (so that choosing an attack,
     * which resets its steps to the attack's defaults, comes before the steps).
     */
    void apply(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!setters.containsKey(name)) {
                throw new IllegalArgumentException("the " + page + " page has no parameter '" + name + "'; it has "
                        + String.join(", ", setters.keySet()));
            }
        }
        List<Runnable> actions = new ArrayList<>();
        for (Map.Entry<String, Setter> e : setters.entrySet()) {
            String value = params.get(e.getKey());
            if (value != null) {
                actions.add(e.getValue().parse(value));
            }
        }
        actions.forEach(Runnable::run);
    }

    static double parseNumber(String name, String v) {
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
    }

    static int parseWhole(String name, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    /** A class given by index or by name (case-insensitive) among {@code classNames}. */
    static int parseClass(String name, String v, List<String> classNames) {
        for (int i = 0; i < classNames.size(); i++) {
            if (classNames.get(i).equalsIgnoreCase(v.strip())) {
                return i;
            }
        }
        int i;
        try {
            i = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a class of the model; expected one of "
                    + String.join(", ", classNames) + " or an index");
        }
        if (i < 0 || i >= Math.max(1, classNames.size())) {
            throw new IllegalArgumentException(name + " " + i + " is not a class index of the model (0 to "
                    + (classNames.size() - 1) + ")");
        }
        return i;
    }
}
