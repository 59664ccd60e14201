package org.advlens.attack;

/** The checks that attacks' option records share, so that a range reads the same in every message. */
public final class OptionChecks {

    private OptionChecks() {
    }

    /** The range every attack's step count shares, checked in its {@code Options}. */
    public static void checkSteps(int steps) {
        if (steps < 1 || steps > 100_000) {
            throw new IllegalArgumentException("steps must be in [1, 100000], got " + steps);
        }
    }

    public static void checkSearchSteps(int searchSteps) {
        if (searchSteps < 1 || searchSteps > 100) {
            throw new IllegalArgumentException("search steps must be in [1, 100], got " + searchSteps);
        }
    }

    public static void checkPositive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }
}
