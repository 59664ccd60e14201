package org.advlens.attack.gradient;

import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.LogitLosses;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * APGD-T: APGD on the targeted DLR loss {@code -(z_y - z_t) / (z_pi1 - (z_pi3 + z_pi4) / 2)}. Untargeted, it runs
 * once for each of the {@code restarts} highest-scoring wrong classes at the clean input, on the examples not yet
 * fooled, and succeeds when the prediction leaves the label; with a target it runs towards that class alone.
 * Croce and Hein, "Reliable evaluation of adversarial robustness with an ensemble of diverse parameter-free
 * attacks", ICML 2020.
 */
public final class AutoPgdTargeted extends AutoProjectedGradient {

    @Override
    public String name() {
        return "apgd-t";
    }

    @Override
    public String displayName() {
        return "APGD-T (Croce and Hein 2020)";
    }

    /** 50 steps, 3 target classes. */
    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(50).withRestarts(3);
    }

    @Override
    protected INDArray loss(float[][] z, int[] labels, int[] targets, double[] loss) {
        return LogitLosses.dlr(z, labels, targets, loss);
    }

    @Override
    protected int[][] runTargets(Classifier model, INDArray x, int[] labels, AttackParams params) {
        if (params.targeted()) {
            return new int[][] {AttackInputs.goalLabels(labels, params)};
        }
        float[][] z = Logits.rows(model.logits(x));
        int runs = Math.max(1, Math.min(params.restarts(), model.numClasses() - 1));
        int[][] targets = new int[runs][labels.length];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            int[] wrong = java.util.Arrays.stream(LogitLosses.descending(z[i])).filter(k -> k != y).toArray();
            for (int r = 0; r < runs; r++) {
                targets[r][i] = wrong[r];
            }
        }
        return targets;
    }
}
