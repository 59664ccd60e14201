package org.advlens.attack.gradient;

import org.advlens.attack.AttackParams;
import org.advlens.attack.LogitLosses;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * APGD-CE: APGD on the cross-entropy loss (towards the target for a targeted run). Croce and Hein, "Reliable
 * evaluation of adversarial robustness with an ensemble of diverse parameter-free attacks", ICML 2020.
 */
public final class AutoPgdCrossEntropy extends AutoProjectedGradient {

    @Override
    public String name() {
        return "apgd-ce";
    }

    @Override
    public String displayName() {
        return "APGD-CE (Croce and Hein 2020)";
    }

    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(50);
    }

    @Override
    protected INDArray loss(float[][] z, int[] labels, int[] targets, double[] loss) {
        return LogitLosses.crossEntropy(z, labels, targets, loss);
    }
}
