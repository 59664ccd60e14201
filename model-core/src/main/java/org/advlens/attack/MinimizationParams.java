package org.advlens.attack;


/**
 * Parameters of the minimisation attacks. Each attack reads the fields it needs and documents which; the rest
 * are ignored.
 *
 * @param norm the norm minimised: L2 for C&W, L2 or L-inf for DeepFool and the minimum-epsilon search; JSMA
 *             minimises the number of changed pixels whatever this says
 * @param steps optimisation steps per constant (C&W), maximum iterations (DeepFool, L-BFGS)
 * @param searchSteps binary-search steps over the constant c (C&W, L-BFGS) or over epsilon (minimum-epsilon
 *                    search)
 * @param stepSize the Adam learning rate of C&W, in tanh space
 * @param initialConstant the first c of the binary search (C&W, L-BFGS)
 * @param confidence the C&W margin kappa: the adversarial class must win by this much on the logits
 * @param overshoot DeepFool's overshoot: the accumulated step is multiplied by {@code 1 + overshoot}
 * @param maxDistortion JSMA's gamma: the largest fraction of input values it may change, in (0, 1]
 * @param candidates DeepFool: how many of the highest-scoring classes (the label included) are candidate
 *                   boundaries
 * @param targetClass the class to reach, or {@link AttackParams#UNTARGETED}
 * @param seed seed of every random choice
 */
public record MinimizationParams(Norm norm, int steps, int searchSteps, double stepSize, double initialConstant,
                                 double confidence, double overshoot, double maxDistortion, int candidates,
                                 int targetClass, long seed) {

    public MinimizationParams {
        if (norm == null) {
            throw new IllegalArgumentException("norm must not be null");
        }
        if (steps < 1 || steps > 100_000) {
            throw new IllegalArgumentException("steps must be in [1, 100000], got " + steps);
        }
        if (searchSteps < 1 || searchSteps > 100) {
            throw new IllegalArgumentException("search steps must be in [1, 100], got " + searchSteps);
        }
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("step size must be positive, got " + stepSize);
        }
        if (!(initialConstant > 0) || !Double.isFinite(initialConstant)) {
            throw new IllegalArgumentException("initial constant must be positive, got " + initialConstant);
        }
        if (!(confidence >= 0) || !Double.isFinite(confidence)) {
            throw new IllegalArgumentException("confidence must be >= 0, got " + confidence);
        }
        if (!(overshoot >= 0) || !Double.isFinite(overshoot)) {
            throw new IllegalArgumentException("overshoot must be >= 0, got " + overshoot);
        }
        if (!(maxDistortion > 0 && maxDistortion <= 1)) {
            throw new IllegalArgumentException("max distortion must be in (0, 1], got " + maxDistortion);
        }
        if (candidates < 2 || candidates > 100_000) {
            throw new IllegalArgumentException("candidates must be at least 2, got " + candidates);
        }
        if (targetClass < AttackParams.UNTARGETED) {
            throw new IllegalArgumentException("target class must be -1 (untargeted) or a class index, got "
                    + targetClass);
        }
    }

    /**
     * L2, 100 steps, 5 search steps, learning rate 0.01, c = 0.1, kappa 0, overshoot 0.02, gamma 0.145,
     * 10 candidates, untargeted, seed 0.
     */
    public static MinimizationParams defaults() {
        return new MinimizationParams(Norm.L2, 100, 5, 0.01, 0.1, 0, 0.02, 0.145, 10, AttackParams.UNTARGETED, 0L);
    }

    public boolean targeted() {
        return targetClass != AttackParams.UNTARGETED;
    }

    /** The fixed-epsilon parameters the engine verifies with: same norm, target and seed. */
    public AttackParams verification() {
        return new AttackParams(norm, 1, Double.NaN, 1, targetClass, seed);
    }

    public MinimizationParams withNorm(Norm v) {
        return new MinimizationParams(v, steps, searchSteps, stepSize, initialConstant, confidence, overshoot,
                maxDistortion, candidates, targetClass, seed);
    }

    public MinimizationParams withSteps(int v) {
        return new MinimizationParams(norm, v, searchSteps, stepSize, initialConstant, confidence, overshoot,
                maxDistortion, candidates, targetClass, seed);
    }

    public MinimizationParams withSearchSteps(int v) {
        return new MinimizationParams(norm, steps, v, stepSize, initialConstant, confidence, overshoot,
                maxDistortion, candidates, targetClass, seed);
    }

    public MinimizationParams withStepSize(double v) {
        return new MinimizationParams(norm, steps, searchSteps, v, initialConstant, confidence, overshoot,
                maxDistortion, candidates, targetClass, seed);
    }

    public MinimizationParams withInitialConstant(double v) {
        return new MinimizationParams(norm, steps, searchSteps, stepSize, v, confidence, overshoot,
                maxDistortion, candidates, targetClass, seed);
    }

    public MinimizationParams withConfidence(double v) {
        return new MinimizationParams(norm, steps, searchSteps, stepSize, initialConstant, v, overshoot,
                maxDistortion, candidates, targetClass, seed);
    }

    public MinimizationParams withOvershoot(double v) {
        return new MinimizationParams(norm, steps, searchSteps, stepSize, initialConstant, confidence, v,
                maxDistortion, candidates, targetClass, seed);
    }

    public MinimizationParams withMaxDistortion(double v) {
        return new MinimizationParams(norm, steps, searchSteps, stepSize, initialConstant, confidence, overshoot,
                v, candidates, targetClass, seed);
    }

    public MinimizationParams withCandidates(int v) {
        return new MinimizationParams(norm, steps, searchSteps, stepSize, initialConstant, confidence, overshoot,
                maxDistortion, v, targetClass, seed);
    }

    public MinimizationParams withTarget(int v) {
        return new MinimizationParams(norm, steps, searchSteps, stepSize, initialConstant, confidence, overshoot,
                maxDistortion, candidates, v, seed);
    }

    public MinimizationParams withSeed(long v) {
        return new MinimizationParams(norm, steps, searchSteps, stepSize, initialConstant, confidence, overshoot,
                maxDistortion, candidates, targetClass, v);
    }
}
