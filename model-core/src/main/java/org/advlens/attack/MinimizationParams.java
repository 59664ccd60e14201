package org.advlens.attack;


/**
 * What a minimisation run shares whatever the attack: the norm, the goal and the seed. Each attack's own
 * hyperparameters (C&W's learning rate, DeepFool's overshoot, JSMA's gamma, ...) are in its nested {@code Options}
 * record, held by the attack instance (see {@link org.advlens.attack.catalog.MinimizationAttacks}).
 *
 * @param norm the norm minimised: L2 for C&W, L-BFGS and Boundary, L2 or L-inf for DeepFool and the
 *             minimum-epsilon search; JSMA minimises the number of changed values whatever this says
 * @param targetClass the class to reach, or {@link AttackParams#UNTARGETED}
 * @param seed seed of every random choice
 */
public record MinimizationParams(Norm norm, int targetClass, long seed) {

    public MinimizationParams {
        if (norm == null) {
            throw new IllegalArgumentException("norm must not be null");
        }
        if (targetClass < AttackParams.UNTARGETED) {
            throw new IllegalArgumentException("target class must be -1 (untargeted) or a class index, got "
                    + targetClass);
        }
    }

    /** L2, untargeted, seed 0. */
    public static MinimizationParams defaults() {
        return new MinimizationParams(Norm.L2, AttackParams.UNTARGETED, 0L);
    }

    public boolean targeted() {
        return targetClass != AttackParams.UNTARGETED;
    }

    /** The fixed-epsilon parameters the engine verifies with: same norm, target and seed. */
    public AttackParams verification() {
        return new AttackParams(norm, 1, Double.NaN, 1, targetClass, seed);
    }

    public MinimizationParams withNorm(Norm v) {
        return new MinimizationParams(v, targetClass, seed);
    }

    public MinimizationParams withTarget(int v) {
        return new MinimizationParams(norm, v, seed);
    }

    public MinimizationParams withSeed(long v) {
        return new MinimizationParams(norm, targetClass, v);
    }
}
