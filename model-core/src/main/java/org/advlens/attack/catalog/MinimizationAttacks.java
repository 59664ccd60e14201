package org.advlens.attack.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.OptionValues;
import org.advlens.attack.blackbox.BoundaryAttack;
import org.advlens.attack.minimization.BoxConstrainedLbfgs;
import org.advlens.attack.minimization.CarliniWagnerL2;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.MinimumEpsilonSearch;
import org.advlens.attack.minimization.SaliencyMapAttack;

/**
 * The registry of minimisation attacks. Every fixed-epsilon attack of {@link Attacks} is also available as
 * {@code min-NAME}, a {@link MinimumEpsilonSearch} over it. {@link #byName} gives an attack with its default
 * options; {@link #create} builds one from its name and a map of option values (numbers or their text), so a
 * command line or a form needs no per-attack code.
 *
 * <p>How to add a minimisation attack with hyperparameters of its own:
 * <ol>
 *   <li>One class implementing {@link MinimizationAttack}, with a nested {@code record Options} holding only its
 *       own hyperparameters: validated in the compact constructor (the bad value in the message), a
 *       {@code defaults()}, {@code withX} methods, {@code from(OptionValues)} reading each option by name
 *       with its default, and {@code parameters()} returning the same names and values in a fixed order. The
 *       attack takes {@code Options} in its constructor (the no-argument one uses the defaults) and returns
 *       {@code options.parameters()} from {@link MinimizationAttack#parameters()}. See {@link DeepFool}.</li>
 *   <li>One line in the static block below: {@code register(v -> new MyAttack(MyAttack.Options.from(v)))}.</li>
 *   <li>Its settings: the command line's {@code MinimizationOptions} maps each flag to an option name and the
 *       desktop form's {@code MinimumNormSettings} one field to each name; an option reusing a name already there
 *       (steps, search-steps, learning-rate, initial-constant, confidence, overshoot, max-distortion,
 *       candidates) needs nothing more, since both show and check only the options the chosen attack's
 *       {@code parameters()} lists. A new name needs a flag there and a field in the form.</li>
 * </ol>
 */
public final class MinimizationAttacks {

    private static final Map<String, Function<OptionValues, MinimizationAttack>> MINIMIZATION =
            new LinkedHashMap<>();

    static {
        register(v -> new CarliniWagnerL2(CarliniWagnerL2.Options.from(v)));
        register(v -> new DeepFool(DeepFool.Options.from(v)));
        register(v -> new SaliencyMapAttack(true, SaliencyMapAttack.Options.from(v)));
        register(v -> new SaliencyMapAttack(false, SaliencyMapAttack.Options.from(v)));
        register(v -> new BoxConstrainedLbfgs(BoxConstrainedLbfgs.Options.from(v)));
        register(v -> new BoundaryAttack(BoundaryAttack.Options.from(v)));
    }

    private MinimizationAttacks() {
    }

    private static void register(Function<OptionValues, MinimizationAttack> factory) {
        MINIMIZATION.put(factory.apply(OptionValues.none()).name(), factory);
    }

    /** Names of the minimisation attacks, then {@code min-NAME} for each fixed-epsilon attack. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(MINIMIZATION.keySet());
        Attacks.names().forEach(a -> out.add(MinimumEpsilonSearch.PREFIX + a));
        return out;
    }

    /** The registered minimisation attacks (not the {@code min-NAME} searches), with their default options. */
    public static List<MinimizationAttack> all() {
        return MINIMIZATION.values().stream().map(f -> f.apply(OptionValues.none())).toList();
    }

    /**
     * The attack with its default options.
     *
     * @throws IllegalArgumentException naming the known attacks if {@code name} is not one of them
     */
    public static MinimizationAttack byName(String name) {
        return create(name, Map.of());
    }

    /**
     * The attack named {@code name} with the options in {@code options}, keyed by the names its
     * {@link MinimizationAttack#parameters()} uses; options not given keep their defaults. For {@code min-NAME},
     * {@code search-steps} is the bisection's and {@code steps} (and any option of its own) the wrapped attack's.
     *
     * @throws IllegalArgumentException if the name is unknown, an option does not apply to this attack ("option
     *                                  overshoot does not apply to cw; it takes steps, ..."), or a value is invalid
     */
    public static MinimizationAttack create(String name, Map<String, ?> options) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        OptionValues values = OptionValues.of(options);
        MinimizationAttack a;
        Function<OptionValues, MinimizationAttack> f = MINIMIZATION.get(key);
        if (f != null) {
            a = f.apply(values);
        } else if (key.startsWith(MinimumEpsilonSearch.PREFIX) && Attacks.names().contains(
                key.substring(MinimumEpsilonSearch.PREFIX.length()).replace("+", ""))) {
            a = minimumEpsilonSearch(key.substring(MinimumEpsilonSearch.PREFIX.length()), values);
        } else {
            throw new IllegalArgumentException("unknown minimisation attack '" + name + "': expected one of "
                    + names());
        }
        values.requireAllRead(a.name());
        return a;
    }

    /** The names of the options {@code name} takes, in its {@code parameters()} order. */
    public static Set<String> optionNames(String name) {
        return byName(name).parameters().keySet();
    }

    /** The names of the registered attacks (not {@code min-NAME}) that take the option {@code option}. */
    public static List<String> taking(String option) {
        return all().stream().filter(a -> a.parameters().containsKey(option)).map(MinimizationAttack::name)
                .toList();
    }

    /**
     * The search over the fixed-epsilon attack {@code name}: {@code search-steps} from {@code values}, the wrapped
     * attack's {@code steps} and its own options too.
     */
    private static MinimumEpsilonSearch minimumEpsilonSearch(String name, OptionValues values) {
        FixedEpsilonAttack inner = Attacks.create(name, values);
        AttackParams p = inner.defaults();
        return new MinimumEpsilonSearch(inner, p.withSteps(values.whole("steps", p.steps())),
                MinimumEpsilonSearch.Options.from(values));
    }
}
