package org.advlens.app.counterfactual;

import org.advlens.attack.AttackOutcome;
import org.advlens.eval.Prediction;

/**
 * A targeted PGD attack towards the counterfactual's target class, to set beside it: same destination, but the
 * smallest L-inf change rather than a readable one.
 *
 * @param target the class aimed at
 * @param outcome the engine-verified attack outcome (a batch of one)
 * @param after the model's prediction on the adversarial image
 */
public record AdversarialComparison(int target, AttackOutcome outcome, Prediction after) {

    public boolean success() {
        return after.predicted() == target;
    }
}
