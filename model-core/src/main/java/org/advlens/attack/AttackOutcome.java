package org.advlens.attack;

import java.util.Arrays;
import org.advlens.data.Images;

/**
 * The engine-verified result of one attack at one epsilon, as plain data. Norms and success are measured by
 * {@link AttackRunner}, not reported by the attack.
 *
 * @param attack the attack's short name
 * @param params the parameters it ran with
 * @param epsilon the budget
 * @param adversarial adversarial images, inside the epsilon ball and the model's bounds
 * @param labels true labels
 * @param predictions the model's predictions on the adversarial images
 * @param probabilities softmax probabilities on the adversarial images, {@code [n][classes]}
 * @param success per example: prediction differs from the label (untargeted) or equals the target (targeted)
 * @param l0 number of changed values per example
 * @param l2 Euclidean norm of the perturbation per example
 * @param linf max-norm of the perturbation per example
 * @param repaired how many examples the engine had to project or clip because the attack left the ball or bounds
 */
public record AttackOutcome(String attack, AttackParams params, double epsilon, Images adversarial, int[] labels,
                            int[] predictions, float[][] probabilities, boolean[] success, double[] l0,
                            double[] l2, double[] linf, int repaired) {

    public AttackOutcome {
        int n = adversarial.count();
        if (labels.length != n || predictions.length != n || success.length != n || l0.length != n
                || l2.length != n || linf.length != n || probabilities.length != n) {
            throw new IllegalArgumentException("per-example arrays must all have " + n + " entries");
        }
    }

    public int count() {
        return labels.length;
    }

    /** Fraction of examples still classified correctly. */
    public double accuracy() {
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            c += predictions[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? 0 : (double) c / labels.length;
    }

    public double successRate() {
        int c = 0;
        for (boolean s : success) {
            c += s ? 1 : 0;
        }
        return success.length == 0 ? 0 : (double) c / success.length;
    }

    public double meanL2() {
        return Arrays.stream(l2).average().orElse(0);
    }

    public double meanLinf() {
        return Arrays.stream(linf).average().orElse(0);
    }
}
