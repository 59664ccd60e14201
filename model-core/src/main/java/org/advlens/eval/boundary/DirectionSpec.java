package org.advlens.eval.boundary;

import java.util.Locale;
import org.advlens.attack.Attacks;
import org.advlens.attack.Norm;

/**
 * How to build one direction of a plane.
 *
 * @param kind where the direction comes from
 * @param attack the attack's registry name for {@link DirectionKind#ATTACK}, else {@code null}
 * @param epsilon the attack's budget for {@link DirectionKind#ATTACK}; ignored otherwise but must be finite and
 *                {@code >= 0}
 * @param norm the attack's threat model
 * @param seed seed of the random direction, and of the attack's random choices
 */
public record DirectionSpec(DirectionKind kind, String attack, double epsilon, Norm norm, long seed) {

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

    /**
     * Parses {@code gradient}, {@code random} or {@code attack:NAME}.
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
        throw new IllegalArgumentException("unknown direction '" + text
                + "': expected gradient, random or attack:NAME with NAME one of " + Attacks.names());
    }

    /** A short label: {@code gradient}, {@code random(seed 3)}, {@code fgsm linf eps=0.1}. */
    public String label() {
        return switch (kind) {
            case GRADIENT -> "gradient";
            case RANDOM -> "random (seed " + seed + ")";
            case ATTACK -> String.format(Locale.ROOT, "%s %s eps=%s", attack, norm.label(), epsilon);
        };
    }
}
