package org.advlens.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import picocli.CommandLine.Option;

/** The attack parameters shared by {@code attack} and {@code curve}; unset ones keep each attack's default. */
final class AttackOptions {

    @Option(names = "--norm", paramLabel = "NORM", description = "linf or l2 (default: linf)")
    String norm;

    @Option(names = "--steps", paramLabel = "N",
            description = "gradient steps of iterative attacks, Square's queries (default: the attack's own, 20 for "
                    + "PGD); with a minimum-norm attack, its steps as in minnorm --help")
    Integer steps;

    @Option(names = "--step-size", paramLabel = "R",
            description = "step size relative to eps (default: the attack's own, 2.5/steps for PGD, 1/steps for BIM)")
    Double stepSize;

    @Option(names = "--restarts", paramLabel = "N", description = "random restarts of PGD (default: 1)")
    Integer restarts;

    @Option(names = "--target", paramLabel = "CLASS",
            description = "targeted attack towards this class (index or name); default: untargeted")
    String target;

    @Option(names = "--seed", paramLabel = "S", description = "seed of every random choice (default: 0)")
    Long seed;

    /** Each flag of an attack's own option and the engine option it sets ({@link Attacks#create}). */
    static final Map<String, String> OPTION_OF_FLAG = Map.of("--p-init", "p-init");

    @Option(names = "--p-init", paramLabel = "F",
            description = "square: fraction of the image its first windows cover (default: 0.8)")
    Double pInit;

    /** The attack-specific flags given, as {@code flag -> value}. */
    private Map<String, Object> ownGiven() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (pInit != null) {
            out.put("--p-init", pInit);
        }
        return out;
    }

    /** Whether any attack-specific flag (such as {@code --p-init}) was given. */
    boolean anyOwnGiven() {
        return !ownGiven().isEmpty();
    }

    /**
     * The fixed-budget attack {@code name} with its own flags applied.
     *
     * @throws IllegalArgumentException for an unknown attack, a flag the attack does not take ("--p-init applies
     *                                  to square, not pgd") or an invalid value
     */
    FixedEpsilonAttack attack(String name) {
        return attack(name, true);
    }

    /**
     * Each of the attacks {@code names} with its own flags applied; a flag is refused only when none of them
     * takes it (a curve over Square and PGD applies {@code --p-init} to Square).
     */
    List<FixedEpsilonAttack> attacks(List<String> names) {
        for (String flag : ownGiven().keySet()) {
            String option = OPTION_OF_FLAG.get(flag);
            if (names.stream().noneMatch(n -> Attacks.optionNames(n).contains(option))) {
                throw refused(flag, String.join(", ", names));
            }
        }
        return names.stream().map(n -> attack(n, false)).toList();
    }

    private FixedEpsilonAttack attack(String name, boolean strict) {
        String attack = Attacks.byName(name).name();
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ownGiven().entrySet()) {
            String option = OPTION_OF_FLAG.get(e.getKey());
            if (Attacks.optionNames(attack).contains(option)) {
                options.put(option, e.getValue());
            } else if (strict) {
                throw refused(e.getKey(), attack);
            }
        }
        return Attacks.create(attack, options);
    }

    private static IllegalArgumentException refused(String flag, String attacks) {
        String option = OPTION_OF_FLAG.get(flag);
        List<String> taking = Attacks.names().stream().filter(n -> Attacks.optionNames(n).contains(option)).toList();
        return new IllegalArgumentException(flag + " applies to " + String.join(", ", taking) + ", not " + attacks);
    }

    /** The attack's defaults with every option the user gave applied. */
    AttackParams params(FixedEpsilonAttack attack, List<String> classNames) {
        AttackParams p = attack.defaults();
        if (norm != null) {
            p = p.withNorm(Norm.parse(norm));
        }
        if (steps != null) {
            p = p.withSteps(steps);
        }
        if (stepSize != null) {
            p = p.withRelativeStepSize(stepSize);
        }
        if (restarts != null) {
            p = p.withRestarts(restarts);
        }
        if (target != null) {
            p = p.withTarget(ClassNames.resolve(target, classNames, "--target"));
        }
        if (seed != null) {
            p = p.withSeed(seed);
        }
        return p;
    }

    /** Checks what can be checked before a model is loaded, so typos fail fast. */
    void validate() {
        if (norm != null) {
            Norm.parse(norm);
        }
        AttackParams p = AttackParams.defaults();
        if (steps != null) {
            p.withSteps(steps);
        }
        if (stepSize != null) {
            p.withRelativeStepSize(stepSize);
        }
        if (restarts != null) {
            p.withRestarts(restarts);
        }
    }
}
