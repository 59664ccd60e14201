package org.advlens.attack.gradient;

import org.advlens.attack.AttackParams;

/**
 * BIM (iterative FGSM): {@code steps} FGSM steps of size {@code epsilon/steps} by default, from the clean
 * input, projecting and clipping after each. Kurakin, Goodfellow and Bengio, "Adversarial Examples in the
 * Physical World", ICLR Workshop 2017.
 */
public final class BasicIterativeMethod extends GradientAttack {

    @Override
    public String name() {
        return "bim";
    }

    @Override
    public String displayName() {
        return "BIM (Kurakin et al. 2017)";
    }

    @Override
    public boolean iterative() {
        return true;
    }

    @Override
    public boolean randomised() {
        return false;
    }

    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(10);
    }

    @Override
    protected double conventionalStepSize(int steps) {
        return 1.0 / steps;
    }
}
