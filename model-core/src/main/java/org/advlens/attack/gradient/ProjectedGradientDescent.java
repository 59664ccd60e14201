package org.advlens.attack.gradient;

import org.advlens.attack.AttackParams;

/**
 * PGD: BIM from a uniformly random start inside the epsilon ball, with random restarts, step size
 * {@code 2.5 * epsilon / steps} by default. Madry et al., "Towards Deep Learning Models Resistant to
 * Adversarial Attacks", ICLR 2018.
 */
public final class ProjectedGradientDescent extends GradientAttack {

    @Override
    public String name() {
        return "pgd";
    }

    @Override
    public String displayName() {
        return "PGD (Madry et al. 2018)";
    }

    @Override
    public boolean iterative() {
        return true;
    }

    @Override
    public boolean randomised() {
        return true;
    }

    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(20);
    }

    @Override
    protected double conventionalStepSize(int steps) {
        return 2.5 / steps;
    }
}
