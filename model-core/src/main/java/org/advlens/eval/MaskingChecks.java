package org.advlens.eval;

import java.util.ArrayList;
import java.util.List;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.model.Classifier;

/**
 * The classic warning signs of gradient masking on robustness curves (Carlini et al., "On Evaluating
 * Adversarial Robustness", 2019, section 5): accuracy that rises with epsilon, an iterative attack weaker
 * than a single-step one, accuracy that stays above chance at a budget large enough to change the image
 * completely, and zero or non-finite input gradients. Score-based (black-box) attacks are held to neither the
 * single-step nor the chance comparison: with a small query budget they are legitimately weaker.
 */
final class MaskingChecks {

    /** An L-inf budget of this fraction of the value range is enough to change any image's class in practice. */
    static final double LARGE_LINF = 0.3;

    private MaskingChecks() {
    }

    static List<MaskingFlag> check(List<AttackCurve> curves, Classifier model, int dimension, int zeroGradient,
                                   int gradientSample) {
        List<MaskingFlag> flags = new ArrayList<>();
        int n = curves.isEmpty() || curves.get(0).points().isEmpty() ? 1
                : curves.get(0).points().get(0).correct().length;
        double tolerance = Math.max(2.0 / n, 0.005);
        double range = model.inputSpec().range();
        double chance = 1.0 / model.numClasses();
        for (AttackCurve c : curves) {
            FixedEpsilonAttack attack = Attacks.byName(c.attack());
            List<CurvePoint> p = c.points();
            for (int i = 1; i < p.size(); i++) {
                if (p.get(i).accuracy() > p.get(i - 1).accuracy() + tolerance) {
                    flags.add(new MaskingFlag(MaskingFlag.Kind.NOT_MONOTONE, c.attack(), String.format(
                            "%s: accuracy rises from %.3f at eps=%s to %.3f at eps=%s; a stronger budget should never help the model",
                            c.attack(), p.get(i - 1).accuracy(), p.get(i - 1).epsilon(), p.get(i).accuracy(),
                            p.get(i).epsilon())));
                    break;
                }
            }
            if (!p.isEmpty() && attack.iterative() && attack.usesGradients()) {
                CurvePoint last = p.get(p.size() - 1);
                double large = c.params().norm() == Norm.LINF ? LARGE_LINF * range
                        : LARGE_LINF * range * Math.sqrt(dimension);
                if (last.epsilon() >= large && last.accuracy() > chance) {
                    flags.add(new MaskingFlag(MaskingFlag.Kind.DOES_NOT_REACH_CHANCE, c.attack(), String.format(
                            "%s: accuracy is still %.3f at eps=%s, above chance (%.3f); an unbounded attack should reach ~0",
                            c.attack(), last.accuracy(), last.epsilon(), chance)));
                }
            }
        }
        for (AttackCurve iterative : curves) {
            FixedEpsilonAttack strong = Attacks.byName(iterative.attack());
            if (!strong.iterative() || !strong.usesGradients()) {
                continue;
            }
            for (AttackCurve single : curves) {
                if (Attacks.byName(single.attack()).iterative() || single.params().norm() != iterative.params().norm()
                        || single.params().targeted() != iterative.params().targeted()) {
                    continue;
                }
                for (CurvePoint it : iterative.points()) {
                    CurvePoint one = at(single, it.epsilon());
                    if (one != null && it.accuracy() > one.accuracy() + tolerance) {
                        flags.add(new MaskingFlag(MaskingFlag.Kind.ITERATIVE_WEAKER_THAN_SINGLE_STEP, iterative.attack(),
                                String.format("%s leaves accuracy %.3f at eps=%s but single-step %s leaves %.3f; "
                                                + "the iterative attack should be at least as strong",
                                        iterative.attack(), it.accuracy(), it.epsilon(), single.attack(), one.accuracy())));
                        break;
                    }
                }
            }
        }
        if (zeroGradient > 0) {
            flags.add(new MaskingFlag(MaskingFlag.Kind.ZERO_GRADIENTS, "", String.format(
                    "%d of %d sampled examples have an all-zero or non-finite input gradient; gradient attacks "
                            + "cannot move them (shattered or vanishing gradients)", zeroGradient, gradientSample)));
        }
        return flags;
    }

    private static CurvePoint at(AttackCurve c, double eps) {
        for (CurvePoint p : c.points()) {
            if (p.epsilon() == eps) {
                return p;
            }
        }
        return null;
    }
}
