package org.advlens.attack.gradient;

import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.SeededNoise;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * R+FGSM: a random step of size {@code alpha = epsilon / 2} along a random sign vector (L-inf) or random unit
 * direction (L2), then an FGSM step of size {@code epsilon - alpha}. It escapes the gradient masking that
 * single-step adversarial training produces at the data point. Tramèr et al., "Ensemble Adversarial Training:
 * Attacks and Defenses", ICLR 2018.
 */
public final class RandomStepFgsm implements FixedEpsilonAttack {

    @Override
    public String name() {
        return "rfgsm";
    }

    @Override
    public String displayName() {
        return "R+FGSM (Tramèr et al. 2018)";
    }

    @Override
    public boolean iterative() {
        return false;
    }

    @Override
    public boolean randomised() {
        return true;
    }

    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(1);
    }

    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        int[] goal = AttackInputs.goalLabels(labels, params);
        double sign = params.targeted() ? -1 : 1;
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        SeededNoise rng = new SeededNoise(params.seed());
        Norm norm = params.norm();
        INDArray[] out = new INDArray[epsilons.length];
        for (int e = 0; e < epsilons.length; e++) {
            cancellation.throwIfCancelled();
            double eps = epsilons[e];
            if (eps == 0) {
                out[e] = x.dup();
                continue;
            }
            double alpha = eps / 2;
            INDArray noise = rng.gaussian(x.shape());
            INDArray adv = GradientAttack.clip(x.add(norm.direction(noise).muli(alpha)), lower, upper);
            INDArray g = model.lossGradient(adv, goal).muli(sign);
            adv.addi(norm.direction(g).muli(eps - alpha));
            INDArray delta = norm.project(adv.subi(x), eps);
            out[e] = GradientAttack.clip(delta.addi(x), lower, upper);
        }
        return out;
    }
}
