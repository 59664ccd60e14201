package org.advlens.attack.gradient;

import org.advlens.attack.AttackParams;
import org.advlens.attack.LogitLosses;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * APGD-DLR: APGD on the difference-of-logits-ratio loss {@code -(z_y - max_{j != y} z_j) / (z_pi1 - z_pi3)},
 * which is invariant to shifting and scaling the logits and so does not saturate the way cross-entropy does on
 * over-confident models (the targeted form for a targeted run). Croce and Hein, "Reliable evaluation of
 * adversarial robustness with an ensemble of diverse parameter-free attacks", ICML 2020.
 */
public final class AutoPgdDlr extends AutoProjectedGradient {

    @Override
    public String name() {
        return "apgd-dlr";
    }

    @Override
    public String displayName() {
        return "APGD-DLR (Croce and Hein 2020)";
    }

    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(50);
    }

    @Override
    protected INDArray loss(float[][] z, int[] labels, int[] targets, double[] loss) {
        return LogitLosses.dlr(z, labels, targets, loss);
    }
}
