package org.advlens.attack;

/**
 * Parameters shared by the fixed-epsilon gradient attacks.
 *
 * @param norm the threat model's norm
 * @param steps number of gradient steps (1 for FGSM)
 * @param relativeStepSize step size as a multiple of epsilon; {@code NaN} means the attack's conventional default
 *                         (Madry et al.'s 2.5/steps for PGD, 1/steps for BIM)
 * @param restarts number of random restarts for attacks with a random start; the worst case per example is kept
 * @param targetClass the class to push every example towards, or {@code -1} for an untargeted attack
 * @param seed seed of every random choice the attack makes; the same seed gives the same result
 */
public record AttackParams(Norm norm, int steps, double relativeStepSize, int restarts, int targetClass, long seed)
        implements java.io.Serializable {

    public static final int UNTARGETED = -1;

    public AttackParams {
        if (norm == null) {
            throw new IllegalArgumentException("norm must not be null");
        }
        if (steps < 1 || steps > 100_000) {
            throw new IllegalArgumentException("steps must be in [1, 100000], got " + steps);
        }
        if (!Double.isNaN(relativeStepSize) && !(relativeStepSize > 0 && Double.isFinite(relativeStepSize))) {
            throw new IllegalArgumentException("relative step size must be positive, got " + relativeStepSize);
        }
        if (restarts < 1 || restarts > 1000) {
            throw new IllegalArgumentException("restarts must be in [1, 1000], got " + restarts);
        }
        if (targetClass < UNTARGETED) {
            throw new IllegalArgumentException("target class must be -1 (untargeted) or a class index, got " + targetClass);
        }
    }

    /** L-inf, 20 steps, default step size, one restart, untargeted, seed 0. */
    public static AttackParams defaults() {
        return new AttackParams(Norm.LINF, 20, Double.NaN, 1, UNTARGETED, 0L);
    }

    public boolean targeted() {
        return targetClass != UNTARGETED;
    }

    public double stepSizeOr(double conventional) {
        return Double.isNaN(relativeStepSize) ? conventional : relativeStepSize;
    }

    public AttackParams withNorm(Norm n) {
        return new AttackParams(n, steps, relativeStepSize, restarts, targetClass, seed);
    }

    public AttackParams withSteps(int s) {
        return new AttackParams(norm, s, relativeStepSize, restarts, targetClass, seed);
    }

    public AttackParams withRelativeStepSize(double r) {
        return new AttackParams(norm, steps, r, restarts, targetClass, seed);
    }

    public AttackParams withRestarts(int r) {
        return new AttackParams(norm, steps, relativeStepSize, r, targetClass, seed);
    }

    public AttackParams withTarget(int t) {
        return new AttackParams(norm, steps, relativeStepSize, restarts, t, seed);
    }

    public AttackParams withSeed(long s) {
        return new AttackParams(norm, steps, relativeStepSize, restarts, targetClass, s);
    }
}
