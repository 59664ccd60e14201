package org.advlens.attack.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.OptionValues;
import org.advlens.attack.blackbox.SquareAttack;
import org.advlens.attack.gradient.AutoPgdCrossEntropy;
import org.advlens.attack.gradient.AutoPgdDlr;
import org.advlens.attack.gradient.AutoPgdTargeted;
import org.advlens.attack.gradient.BasicIterativeMethod;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.attack.gradient.RandomStepFgsm;

/**
 * The registry of fixed-epsilon attacks: a new attack is one new class plus one line here.
 *
 * <p>An attack with hyperparameters of its own (beyond the shared {@link org.advlens.attack.AttackParams}) holds them in a nested,
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

}
