package org.advlens.attack;

import java.util.Arrays;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Validation shared by all attacks, so every attack rejects bad input with the same clear messages. Public for the
 * adaptive attacks that live beside the defences they target.
 */
public final class AttackInputs {

    private AttackInputs() {
    }

    public static void check(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params) {
        InputSpec spec = model.inputSpec();
        if (x.rank() != 4 || x.size(1) != spec.channels() || x.size(2) != spec.height() || x.size(3) != spec.width()) {
            throw new IllegalArgumentException("expected images [n, " + spec.channels() + ", " + spec.height() + ", "
                    + spec.width() + "], got " + Arrays.toString(x.shape()));
        }
        if (labels.length != x.size(0)) {
            throw new IllegalArgumentException(x.size(0) + " images but " + labels.length + " labels");
        }
        for (int l : labels) {
            if (l < 0 || l >= model.numClasses()) {
                throw new IllegalArgumentException("label " + l + " outside [0, " + model.numClasses() + ")");
            }
        }
        if (epsilons.length == 0) {
            throw new IllegalArgumentException("at least one epsilon is required");
        }
        for (double e : epsilons) {
            if (!(e >= 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + e);
            }
        }
        if (params.targeted() && params.targetClass() >= model.numClasses()) {
            throw new IllegalArgumentException("target class " + params.targetClass() + " outside [0, "
                    + model.numClasses() + ")");
        }
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        double tol = 1e-6 * spec.range();
        if (min < spec.lower() - tol || max > spec.upper() + tol) {
            throw new IllegalArgumentException("inputs must lie in the model's bounds [" + spec.lower() + ", "
                    + spec.upper() + "], got values in [" + min + ", " + max + "]");
        }
    }

    /** The labels the loss is computed against: the true labels, or the target class for targeted attacks. */
    public static int[] goalLabels(int[] labels, AttackParams params) {
        if (!params.targeted()) {
            return labels;
        }
        int[] t = new int[labels.length];
        Arrays.fill(t, params.targetClass());
        return t;
    }
}
