package org.advlens.attack.gradient;

import org.advlens.attack.AttackParams;

/**
 * FGSM: one step of size epsilon along the sign of the loss gradient (L-inf), or along the normalised
 * gradient (L2, "fast gradient method"). Goodfellow, Shlens and Szegedy, "Explaining and Harnessing
 * Adversarial Examples", ICLR 2015.
 */
public final class FastGradientSignMethod extends GradientAttack {

    @Override
    public String name() {
        return "fgsm";
    }

    @Override
    public String displayName() {
        return "FGSM (Goodfellow et al. 2015)";
    }

    @Override
    public boolean iterative() {
        return false;
    }

    @Override
    public boolean randomised() {
        return false;
    }

    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(1);
    }

    @Override
    protected double conventionalStepSize(int steps) {
        return 1.0;
    }
}
