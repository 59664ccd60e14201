package org.advlens.attack.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.blackbox.BoundaryAttack;
import org.advlens.attack.minimization.BoxConstrainedLbfgs;
import org.advlens.attack.minimization.CarliniWagnerL2;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.MinimumEpsilonSearch;
import org.advlens.attack.minimization.SaliencyMapAttack;

/**
 * The registry of minimisation attacks: a new one is one new class plus one line here. Every fixed-epsilon
 * attack of {@link Attacks} is also available as {@code min-NAME}, a {@link MinimumEpsilonSearch} over it.
 */
public final class MinimizationAttacks {

    private static final Map<String, Supplier<MinimizationAttack>> MINIMIZATION = new LinkedHashMap<>();

    static {
        register(CarliniWagnerL2::new);
        register(DeepFool::new);
        register(SaliencyMapAttack::new);
        register(() -> new SaliencyMapAttack(false));
        register(BoxConstrainedLbfgs::new);
        register(BoundaryAttack::new);
    }

    private MinimizationAttacks() {
    }

    private static void register(Supplier<MinimizationAttack> factory) {
        MINIMIZATION.put(factory.get().name(), factory);
    }

    /** Names of the minimisation attacks, then {@code min-NAME} for each fixed-epsilon attack. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(MINIMIZATION.keySet());
        Attacks.names().forEach(a -> out.add(MinimumEpsilonSearch.PREFIX + a));
        return out;
    }

    public static List<MinimizationAttack> all() {
        return MINIMIZATION.values().stream().map(Supplier::get).toList();
    }

    /** @throws IllegalArgumentException naming the known attacks if {@code name} is not one of them */
    public static MinimizationAttack byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Supplier<MinimizationAttack> f = MINIMIZATION.get(key);
        if (f != null) {
            return f.get();
        }
        if (key.startsWith(MinimumEpsilonSearch.PREFIX) && Attacks.names().contains(
                key.substring(MinimumEpsilonSearch.PREFIX.length()).replace("+", ""))) {
            return new MinimumEpsilonSearch(Attacks.byName(key.substring(MinimumEpsilonSearch.PREFIX.length())));
        }
        throw new IllegalArgumentException("unknown minimisation attack '" + name + "': expected one of " + names());
    }
}
