package org.advlens.eval;

/**
 * One point of a robustness curve: one attack at one epsilon over the whole data set.
 *
 * @param attack the attack's short name
 * @param epsilon the budget
 * @param accuracy fraction of all examples still classified correctly
 * @param successRate untargeted: fraction of the examples correct without attack that the attack fooled;
 *                    targeted: fraction of examples whose label is not the target that now predict the target
 * @param meanL2 mean L2 norm of the applied perturbations
 * @param meanLinf mean L-inf norm of the applied perturbations
 * @param correct per example, in data order: still classified correctly
 */
public record CurvePoint(String attack, double epsilon, double accuracy, double successRate, double meanL2,
                         double meanLinf, boolean[] correct) {

    public CurvePoint {
        if (!(accuracy >= 0 && accuracy <= 1) || !(successRate >= 0 && successRate <= 1)) {
            throw new IllegalArgumentException("accuracy and success rate must be in [0, 1], got " + accuracy
                    + " and " + successRate);
        }
        correct = correct.clone();
    }

    @Override
    public boolean[] correct() {
        return correct.clone();
    }
}
