package org.advlens.eval.boundary;

import java.util.Locale;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;

/**
 * How to build one direction of a plane.
 *
 * @param kind where the direction comes from
 * @param attack the attack's registry name for {@link DirectionKind#ATTACK}, else {@code null}
 * @param epsilon the attack's budget for {@link DirectionKind#ATTACK}; ignored otherwise but must be finite and
 *                {@code >= 0}
 * @param norm the attack's threat model
 * @param seed seed of the random direction, and of the attack's random choices
 * @param target the counterfactual's class for {@link DirectionKind#COUNTERFACTUAL}, or {@code -1} for the
 *               runner-up class (the model's second most likely); {@code -1} for the other kinds
 */
public record DirectionSpec(DirectionKind kind, String attack, double epsilon, Norm norm, long seed, int target) {

    public DirectionSpec {
        if (kind == null) {
            throw new IllegalArgumentException("direction kind must not be null");
        }
        if (norm == null) {
            throw new IllegalArgumentException("norm must not be null");
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
        if (kind == DirectionKind.ATTACK) {
            if (attack == null || attack.isBlank()) {
                throw new IllegalArgumentException("an attack direction needs an attack name, e.g. attack:fgsm");
            }
            attack = Attacks.byName(attack).name();
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("an attack direction needs epsilon > 0, got " + epsilon);
            }
        } else if (attack != null) {
            throw new IllegalArgumentException("only an attack direction takes an attack name, got '" + attack
                    + "' for " + kind.name().toLowerCase(Locale.ROOT));
        }
        if (target < -1 || (target >= 0 && kind != DirectionKind.COUNTERFACTUAL)) {
            throw new IllegalArgumentException("only a counterfactual direction takes a target class (>= 0, or -1 "
                    + "for the runner-up), got " + target + " for " + kind.name().toLowerCase(Locale.ROOT));
        }
    }

    public DirectionSpec(DirectionKind kind, String attack, double epsilon, Norm norm, long seed) {
        this(kind, attack, epsilon, norm, seed, -1);
    }

    public static DirectionSpec gradient() {
        return new DirectionSpec(DirectionKind.GRADIENT, null, 0, Norm.LINF, 0);
    }

    public static DirectionSpec random(long seed) {
        return new DirectionSpec(DirectionKind.RANDOM, null, 0, Norm.LINF, seed);
    }

    public static DirectionSpec attack(String name, double epsilon, Norm norm, long seed) {
        return new DirectionSpec(DirectionKind.ATTACK, name, epsilon, norm, seed);
    }

    /** Towards a counterfactual of class {@code target}, or of the runner-up class when it is {@code -1}. */
    public static DirectionSpec counterfactual(int target) {
        return new DirectionSpec(DirectionKind.COUNTERFACTUAL, null, 0, Norm.LINF, 0, target);
    }

    /**
     * Parses {@code gradient}, {@code random}, {@code attack:NAME}, {@code counterfactual} (towards the runner-up
     * class) or {@code counterfactual:CLASS} (a class index).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static DirectionSpec parse(String text, double epsilon, Norm norm, long seed) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("gradient") || t.equals("grad")) {
            return new DirectionSpec(DirectionKind.GRADIENT, null, epsilon, norm, seed);
        }
        if (t.equals("random")) {
            return new DirectionSpec(DirectionKind.RANDOM, null, epsilon, norm, seed);
        }
        if (t.startsWith("attack:")) {
            return new DirectionSpec(DirectionKind.ATTACK, t.substring("attack:".length()), epsilon, norm, seed);
        }
        if (t.equals("counterfactual") || t.equals("cf")) {
            return new DirectionSpec(DirectionKind.COUNTERFACTUAL, null, epsilon, norm, seed, -1);
        }
        if (t.startsWith("counterfactual:")) {
            String cls = t.substring("counterfactual:".length());
            try {
                return new DirectionSpec(DirectionKind.COUNTERFACTUAL, null, epsilon, norm, seed,
                        Integer.parseInt(cls));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("counterfactual:CLASS needs a class index, got '" + cls + "'");
            }
        }
        throw new IllegalArgumentException("unknown direction '" + text
                + "': expected gradient, random, counterfactual[:CLASS] or attack:NAME with NAME one of "
                + Attacks.names());
    }

    /** A short label: {@code gradient}, {@code random(seed 3)}, {@code fgsm linf eps=0.1}. */
    public String label() {
        return switch (kind) {
            case GRADIENT -> "gradient";
            case RANDOM -> "random (seed " + seed + ")";
            case ATTACK -> String.format(Locale.ROOT, "%s %s eps=%s", attack, norm.label(), epsilon);
            case COUNTERFACTUAL -> target < 0 ? "counterfactual (runner-up class)" : "counterfactual (class "
                    + target + ")";
        };
    }
}
