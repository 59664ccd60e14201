package org.advlens.app.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ListProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.catalog.Attacks;

/**
 * The values of a settings object's writable properties as text, and back: every public {@code fooProperty()}
 * that returns a writable {@link Property} of a string, number, boolean, enum, path, fixed-budget attack or set
 * of names ({@code ObjectProperty<Set<String>>}, such as a {@link CheckedNames} list of check boxes, written as
 * the names joined by commas) or list of paths or strings ({@code ListProperty<Path>}, {@code ListProperty<String>},
 * such as the OOD form's extra files, written as a JSON array and restored into the same list) is one entry, named
 * {@code foo}. This is how the session keeps every view's
 * settings without each view writing its own persistence code; a new setting is kept as soon as it is a property
 * of one of those types.
 */
public final class SettingsSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsSnapshot() {
    }

    /** The writable properties of {@code settings}, by name. */
    public static Map<String, Property<?>> properties(Object settings) {
        Map<String, Property<?>> out = new TreeMap<>();
        for (Method m : settings.getClass().getMethods()) {
            String name = m.getName();
            if (m.getParameterCount() == 0 && name.endsWith("Property") && !Modifier.isStatic(m.getModifiers())
                    && Property.class.isAssignableFrom(m.getReturnType()) && valueType(m) != null) {
                try {
                    out.put(name.substring(0, name.length() - "Property".length()), (Property<?>) m.invoke(settings));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + name + " of " + settings.getClass(), e);
                }
            }
        }
        return out;
    }

    /** The current values as text; unset (null) values are left out. */
    public static Map<String, String> capture(Object settings) {
        Map<String, String> out = new TreeMap<>();
        properties(settings).forEach((name, p) -> {
            Object v = p.getValue();
            if (v != null) {
                out.put(name, text(v));
            }
        });
        return out;
    }

    /**
     * Sets each property named in {@code values}; a value that no longer parses or that a property refuses is
     * skipped and named in the returned list, so that an old session never stops the app from starting. A
     * selection that names check boxes the form no longer has ticks the boxes it does have and is named in the list
     * with the unknown names, e.g. {@code "methodSelection (no check box: no-such-method)"}.
     */
    public static List<String> restore(Object settings, Map<String, String> values) {
        List<String> skipped = new ArrayList<>();
        Map<String, Method> methods = new TreeMap<>();
        for (Method m : settings.getClass().getMethods()) {
            methods.put(m.getName(), m);
        }
        values.forEach((name, text) -> {
            Method m = methods.get(name + "Property");
            Class<?> type = m == null ? null : valueType(m);
            if (type == null) {
                skipped.add(name);
                return;
            }
            try {
                @SuppressWarnings("unchecked")
                Property<Object> p = (Property<Object>) m.invoke(settings);
                if (p.isBound()) {
                    return;
                }
                if (type == List.class) {
                    restoreList(m, p, text);
                    return;
                }
                p.setValue(type == FixedEpsilonAttack.class ? offeredAttack(settings, text) : parse(type, text));
                if (type == Set.class) {
                    List<String> unknown = ((Set<?>) parse(type, text)).stream().map(String::valueOf)
                            .filter(n -> p.getValue() == null || !((Set<?>) p.getValue()).contains(n)).toList();
                    if (!unknown.isEmpty()) {
                        skipped.add(name + " (no check box: " + String.join(", ", unknown) + ")");
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                skipped.add(name);
            }
        });
        return skipped;
    }

    /** Replaces the list's content (so listeners on the list itself stay) with the elements {@code text} names. */
    @SuppressWarnings("unchecked")
    private static void restoreList(Method m, Property<?> property, String text) {
        ListProperty<Object> p = (ListProperty<Object>) property;
        List<String> items;
        try {
            items = JSON.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON array of strings: " + text, e);
        }
        boolean paths = listElement(m) == Path.class;
        List<Object> values = new ArrayList<>();
        for (String item : items) {
            values.add(paths ? Path.of(item) : item);
        }
        if (p.get() == null) {
            p.set(FXCollections.observableArrayList(values));
        } else {
            p.setAll(values);
        }
    }

    /** {@code Path} or {@code String} for a {@code ListProperty<Path>} or {@code ListProperty<String>}; else null. */
    private static Class<?> listElement(Method m) {
        if (ListProperty.class.isAssignableFrom(m.getReturnType())
                && m.getGenericReturnType() instanceof ParameterizedType pt
                && (pt.getActualTypeArguments()[0] == Path.class || pt.getActualTypeArguments()[0] == String.class)) {
            return (Class<?>) pt.getActualTypeArguments()[0];
        }
        return null;
    }

    /**
     * The attack named {@code name} among those the settings offer (an attack list such as {@code attacks()}), so
     * a choice box shows it selected; a new instance from the registry where the settings offer none.
     */
    private static FixedEpsilonAttack offeredAttack(Object settings, String name) throws ReflectiveOperationException {
        for (Method m : settings.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && List.class.isAssignableFrom(m.getReturnType())) {
                for (Object o : (List<?>) m.invoke(settings)) {
                    if (o instanceof FixedEpsilonAttack a && a.name().equals(name)) {
                        return a;
                    }
                }
            }
        }
        return Attacks.byName(name);
    }

    private static Class<?> valueType(Method m) {
        Class<?> r = m.getReturnType();
        if (StringProperty.class.isAssignableFrom(r)) {
            return String.class;
        }
        if (IntegerProperty.class.isAssignableFrom(r)) {
            return Integer.class;
        }
        if (DoubleProperty.class.isAssignableFrom(r)) {
            return Double.class;
        }
        if (LongProperty.class.isAssignableFrom(r)) {
            return Long.class;
        }
        if (BooleanProperty.class.isAssignableFrom(r)) {
            return Boolean.class;
        }
        if (ListProperty.class.isAssignableFrom(r)) {
            return listElement(m) == null ? null : List.class;
        }
        if (ObjectProperty.class.isAssignableFrom(r)) {
            Type g = m.getGenericReturnType();
            if (g instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c
                    && supported(c)) {
                return c;
            }
            if (g instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof ParameterizedType set
                    && set.getRawType() == Set.class && set.getActualTypeArguments()[0] == String.class) {
                return Set.class;
            }
        }
        return null;
    }

    private static boolean supported(Class<?> c) {
        return c == String.class || c == Integer.class || c == Double.class || c == Long.class || c == Boolean.class
                || c == Path.class || c.isEnum() || c == FixedEpsilonAttack.class;
    }

    private static String text(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof FixedEpsilonAttack a) {
            return a.name();
        }
        if (v instanceof Set<?> names) {
            return String.join(",", names.stream().map(String::valueOf).toList());
        }
        if (v instanceof List<?> items) {
            try {
                return JSON.writeValueAsString(items.stream().map(String::valueOf).toList());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a list of text", e);
            }
        }
        return v.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String text) {
        if (type == String.class) {
            return text;
        }
        if (type == Integer.class) {
            return Integer.valueOf(text);
        }
        if (type == Double.class) {
            return Double.valueOf(text);
        }
        if (type == Long.class) {
            return Long.valueOf(text);
        }
        if (type == Boolean.class) {
            return Boolean.valueOf(text);
        }
        if (type == Path.class) {
            return Path.of(text);
        }
        if (type == FixedEpsilonAttack.class) {
            return Attacks.byName(text);
        }
        if (type == Set.class) {
            Set<String> names = new LinkedHashSet<>();
            Arrays.stream(text.split(",")).map(String::strip).filter(n -> !n.isEmpty()).forEach(names::add);
            return names;
        }
        return Enum.valueOf((Class) type, text);
    }
}
