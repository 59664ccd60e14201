package org.advlens.attack;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of fixed-epsilon attacks: a new attack is one new class plus one line here.
 *
 * <p>An attack with hyperparameters of its own (beyond the shared {@link AttackParams}) holds them in a nested,
 * validated {@code Options} record, reports them with {@link FixedEpsilonAttack#parameters()}, and registers a
 * factory that reads them from {@link OptionValues} (see {@link SquareAttack.Options#from}); {@link #create} then
 * builds it from its name and a map of option values, and refuses an option it does not take.
 */
public final class Attacks {

    private static final Map<String, Function<OptionValues, FixedEpsilonAttack>> FIXED_EPSILON =
            new LinkedHashMap<>();

    static {
        register(v -> new FastGradientSignMethod());
        register(v -> new RandomStepFgsm());
        register(v -> new BasicIterativeMethod());
        register(v -> new ProjectedGradientDescent());
        register(v -> new AutoPgdCrossEntropy());
        register(v -> new AutoPgdDlr());
        register(v -> new AutoPgdTargeted());
        register(v -> new SquareAttack(SquareAttack.Options.from(v)));
        register(v -> new AutoAttackEnsemble());
    }

    private Attacks() {
    }

    private static void register(Function<OptionValues, FixedEpsilonAttack> factory) {
        FIXED_EPSILON.put(factory.apply(OptionValues.none()).name(), factory);
    }

    /** Names of all fixed-epsilon attacks, in display order. */
    public static List<String> names() {
        return List.copyOf(FIXED_EPSILON.keySet());
    }

    public static List<FixedEpsilonAttack> all() {
        return FIXED_EPSILON.values().stream().map(f -> f.apply(OptionValues.none())).toList();
    }

    /**
     * The attack with its default options.
     *
     * @throws IllegalArgumentException naming the known attacks if {@code name} is not one of them
     */
    public static FixedEpsilonAttack byName(String name) {
        return create(name, Map.of());
    }

    /**
     * The attack named {@code name} with the options in {@code options} (keys as in its
     * {@link FixedEpsilonAttack#parameters()}, values numbers or their text); options not given keep their defaults.
     *
     * @throws IllegalArgumentException if the name is unknown, an option does not apply to the attack, or a value
     *                                  is invalid; the message names the option
     */
    public static FixedEpsilonAttack create(String name, Map<String, ?> options) {
        OptionValues values = OptionValues.of(options);
        FixedEpsilonAttack a = factory(name).apply(values);
        values.requireAllRead(a.name());
        return a;
    }

    /** {@code create} for a caller that reads further options from the same values (a wrapping attack). */
    static FixedEpsilonAttack create(String name, OptionValues values) {
        return factory(name).apply(values);
    }

    /** The names of the options {@code name} takes, in its {@code parameters()} order. */
    public static Set<String> optionNames(String name) {
        return byName(name).parameters().keySet();
    }

    private static Function<OptionValues, FixedEpsilonAttack> factory(String name) {
        Function<OptionValues, FixedEpsilonAttack> f =
                FIXED_EPSILON.get(name.trim().toLowerCase(Locale.ROOT).replace("+", ""));
        if (f == null) {
            throw new IllegalArgumentException("unknown attack '" + name + "': expected one of " + names());
        }
        return f;
    }

    /**
     * Option values given by name, as a command line or a form has them: numbers, or text that parses as one. An
     * attack's factory reads each option it takes with a default; the registry then refuses any option that was
     * given but not read, so a value never silently does nothing.
     */
    public static final class OptionValues {

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
        void requireAllRead(String attack) {
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
}
