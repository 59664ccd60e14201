package org.advlens.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.attack.minimization.MinimumEpsilonSearch;
import picocli.CommandLine.Option;

/**
 * The hyperparameters of the minimum-norm attacks shared by {@code minnorm} and {@code attack}. Each flag is one
 * option name of the engine's attack {@code Options} records ({@link #OPTION_OF_FLAG}); the chosen attack is built
 * by name from the flags given, so unset ones keep its defaults and a flag the attack does not take is an error
 * that says which attacks it applies to. A new attack that reuses these option names needs nothing here.
 */
final class MinimizationOptions {

    /** Each flag and the engine option it sets; {@code --steps} belongs to the command. */
    static final Map<String, String> OPTION_OF_FLAG = Map.ofEntries(Map.entry("--steps", "steps"),
            Map.entry("--search-steps", "search-steps"), Map.entry("--lr", "learning-rate"),
            Map.entry("--const", "initial-constant"), Map.entry("--confidence", "confidence"),
            Map.entry("--overshoot", "overshoot"), Map.entry("--gamma", "max-distortion"),
            Map.entry("--candidates", "candidates"), Map.entry("--spherical-step", "spherical-step"),
            Map.entry("--source-step", "source-step"), Map.entry("--step-adaptation", "step-adaptation"),
            Map.entry("--init-draws", "init-draws"));

    @Option(names = "--search-steps", paramLabel = "N",
            description = "binary-search steps over the constant c (cw, lbfgs) or over epsilon (min-NAME)")
    Integer searchSteps;

    @Option(names = "--lr", paramLabel = "R", description = "cw: Adam learning rate")
    Double learningRate;

    @Option(names = "--const", paramLabel = "C", description = "cw, lbfgs: initial constant c")
    Double constant;

    @Option(names = "--confidence", paramLabel = "K", description = "cw: confidence kappa on the logits")
    Double confidence;

    @Option(names = "--overshoot", paramLabel = "R", description = "deepfool: overshoot")
    Double overshoot;

    @Option(names = "--gamma", paramLabel = "F",
            description = "jsma, jsma-decrease: largest fraction of values changed")
    Double gamma;

    @Option(names = "--candidates", paramLabel = "N", description = "deepfool: candidate classes")
    Integer candidates;

    @Option(names = "--spherical-step", paramLabel = "R",
            description = "boundary: initial orthogonal step, relative to the distance to the original")
    Double sphericalStep;

    @Option(names = "--source-step", paramLabel = "R",
            description = "boundary: initial step towards the original, relative to the distance")
    Double sourceStep;

    @Option(names = "--step-adaptation", paramLabel = "F", description = "boundary: factor the step sizes adapt by")
    Double stepAdaptation;

    @Option(names = "--init-draws", paramLabel = "N",
            description = "boundary: random draws tried for an adversarial starting point")
    Integer initDraws;

    /** The flags given, as {@code flag -> value}, in a fixed order. */
    private Map<String, Object> given(Integer steps) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "--steps", steps);
        put(out, "--search-steps", searchSteps);
        put(out, "--lr", learningRate);
        put(out, "--const", constant);
        put(out, "--confidence", confidence);
        put(out, "--overshoot", overshoot);
        put(out, "--gamma", gamma);
        put(out, "--candidates", candidates);
        put(out, "--spherical-step", sphericalStep);
        put(out, "--source-step", sourceStep);
        put(out, "--step-adaptation", stepAdaptation);
        put(out, "--init-draws", initDraws);
        return out;
    }

    private static void put(Map<String, Object> out, String flag, Object value) {
        if (value != null) {
            out.put(flag, value);
        }
    }

    /**
     * The minimisation attack {@code name} with every flag given applied to its options.
     *
     * @param steps the command's {@code --steps}, or {@code null}
     * @throws IllegalArgumentException for an unknown attack, a flag the attack does not take ("--overshoot
     *                                  applies to deepfool, not cw") or an invalid value
     */
    MinimizationAttack attack(String name, Integer steps) {
        String attack = MinimizationAttacks.byName(name).name();
        Set<String> takes = MinimizationAttacks.optionNames(attack);
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : given(steps).entrySet()) {
            String option = OPTION_OF_FLAG.get(e.getKey());
            if (!takes.contains(option)) {
                throw new IllegalArgumentException(e.getKey() + " applies to " + appliesTo(option) + ", not "
                        + attack);
            }
            options.put(option, e.getValue());
        }
        return MinimizationAttacks.create(attack, options);
    }

    /** The attacks that take {@code option}, e.g. "cw, lbfgs and min-NAME". */
    private static String appliesTo(String option) {
        List<String> names = new ArrayList<>(MinimizationAttacks.taking(option));
        if (MinimizationAttacks.optionNames(MinimumEpsilonSearch.PREFIX + "pgd").contains(option)) {
            names.add(MinimumEpsilonSearch.PREFIX + "NAME");
        }
        if (names.size() < 2) {
            return names.isEmpty() ? "no minimum-norm attack" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Whether any option was given, for commands where they do not apply. */
    boolean anyGiven() {
        return !given(null).isEmpty();
    }
}
