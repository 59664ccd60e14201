package org.advlens.attack.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.blackbox.SquareAttack;
import org.advlens.attack.gradient.AutoPgdCrossEntropy;
import org.advlens.attack.gradient.AutoPgdDlr;
import org.advlens.attack.gradient.AutoPgdTargeted;
import org.advlens.attack.gradient.BasicIterativeMethod;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.attack.gradient.RandomStepFgsm;

/** The registry of attacks: a new attack is one new class plus one line here. */
public final class Attacks {

    private static final Map<String, Supplier<FixedEpsilonAttack>> FIXED_EPSILON = new LinkedHashMap<>();

    static {
        register(FastGradientSignMethod::new);
        register(RandomStepFgsm::new);
        register(BasicIterativeMethod::new);
        register(ProjectedGradientDescent::new);
        register(AutoPgdCrossEntropy::new);
        register(AutoPgdDlr::new);
        register(AutoPgdTargeted::new);
        register(SquareAttack::new);
        register(AutoAttackEnsemble::new);
    }

    private Attacks() {
    }

    private static void register(Supplier<FixedEpsilonAttack> factory) {
        FIXED_EPSILON.put(factory.get().name(), factory);
    }

    /** Names of all fixed-epsilon attacks, in display order. */
    public static List<String> names() {
        return List.copyOf(FIXED_EPSILON.keySet());
    }

    public static List<FixedEpsilonAttack> all() {
        return FIXED_EPSILON.values().stream().map(Supplier::get).toList();
    }

    /** @throws IllegalArgumentException naming the known attacks if {@code name} is not one of them */
    public static FixedEpsilonAttack byName(String name) {
        Supplier<FixedEpsilonAttack> f = FIXED_EPSILON.get(name.trim().toLowerCase(Locale.ROOT).replace("+", ""));
        if (f == null) {
            throw new IllegalArgumentException("unknown attack '" + name + "': expected one of " + names());
        }
        return f.get();
    }
}
