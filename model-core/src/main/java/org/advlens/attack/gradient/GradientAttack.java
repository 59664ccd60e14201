package org.advlens.attack.gradient;

import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.PerturbationSteps;
import org.advlens.attack.SeededNoise;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The loop shared by FGSM, BIM and PGD: optional random start, then {@code steps} times: gradient of the
 * cross-entropy on the logits (one run of the classifier's logits-and-gradient pass on plain arrays that are reused
 * from step to step), a step of size {@code stepSize * epsilon} along the norm's steepest-ascent
 * direction (descent towards the target for targeted attacks), projection onto the epsilon ball, clipping
 * to the model's bounds. With several restarts the worst case per example is kept: a successful example
 * over a failed one, else the one with the higher loss.
 */
public abstract class GradientAttack implements FixedEpsilonAttack {

    /** The conventional relative step size of this attack for the given step count. */
    protected abstract double conventionalStepSize(int steps);

    /** The random starts are drawn per example, as if the batch held the data set's first examples. */
    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        return run(model, x, labels, 0, epsilons, params, cancellation);
    }

    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, long first, double[] epsilons,
                          AttackParams params, CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        int[] goal = AttackInputs.goalLabels(labels, params);
        double sign = params.targeted() ? -1 : 1;
        int steps = iterative() ? params.steps() : 1;
        double relStep = iterative() ? params.stepSizeOr(conventionalStepSize(steps)) : 1.0;
        int restarts = randomised() ? params.restarts() : 1;
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        int n = (int) x.size(0);
        SeededNoise rng = SeededNoise.perExample(params.seed(), first, n);
        int size = (int) (x.length() / Math.max(1, n));
        float[] x0 = FloatArrays.of(x);
        float[] goalWeights = FloatArrays.of(Logits.oneHot(goal, model.numClasses()));
        float[] logits = new float[n * model.numClasses()];
        float[] gradient = new float[x0.length];
        INDArray[] out = new INDArray[epsilons.length];
        for (int e = 0; e < epsilons.length; e++) {
            double eps = epsilons[e];
            if (eps == 0) {
                out[e] = x.dup();
                continue;
            }
            INDArray best = null;
            double[] bestScore = null;
            for (int r = 0; r < restarts; r++) {
                float[] adv = start(x0, randomised() ? params.norm().randomStart(x.shape(), eps, rng) : null);
                PerturbationSteps.projectAndClip(adv, x0, Double.POSITIVE_INFINITY, Norm.LINF, lower, upper, size);
                for (int s = 0; s < steps; s++) {
                    cancellation.throwIfCancelled();
                    model.logitsAndGradient(adv, n, goalWeights, null, logits, gradient);
                    PerturbationSteps.ascend(adv, gradient, (float) sign, relStep * eps, params.norm(), size);
                    PerturbationSteps.projectAndClip(adv, x0, eps, params.norm(), lower, upper, size);
                }
                INDArray candidate = Nd4j.create(adv, x.shape(), 'c');
                if (restarts == 1) {
                    best = candidate;
                    break;
                }
                double[] score = score(model.logits(candidate), labels, goal, params);
                if (best == null) {
                    best = candidate;
                    bestScore = score;
                } else {
                    keepWorstCase(best, bestScore, candidate, score);
                }
            }
            out[e] = best;
        }
        return out;
    }

    /** The clean images plus the random start (a new array either way). */
    private static float[] start(float[] x0, INDArray randomStart) {
        float[] adv = x0.clone();
        if (randomStart != null) {
            float[] d = FloatArrays.of(randomStart);
            for (int i = 0; i < adv.length; i++) {
                adv[i] += d[i];
            }
        }
        return adv;
    }

    public static INDArray clip(INDArray a, double lower, double upper) {
        return Transforms.min(Transforms.max(a, lower, false), upper, false);
    }

    /**
     * Higher is better for the attacker: success dominates (offset +1e6), then the untargeted loss
     * (or the negative targeted loss).
     */
    static double[] score(INDArray logits, int[] labels, int[] goal, AttackParams params) {
        int[] pred = Logits.argmax(logits);
        double[] ce = Logits.crossEntropy(logits, goal);
        double[] s = new double[pred.length];
        for (int i = 0; i < s.length; i++) {
            boolean success = params.targeted() ? pred[i] == goal[i] : pred[i] != labels[i];
            s[i] = (success ? 1e6 : 0) + (params.targeted() ? -ce[i] : ce[i]);
        }
        return s;
    }

    static void keepWorstCase(INDArray best, double[] bestScore, INDArray candidate, double[] score) {
        for (int i = 0; i < score.length; i++) {
            if (score[i] > bestScore[i]) {
                best.putSlice(i, candidate.slice(i));
                bestScore[i] = score[i];
            }
        }
    }
}
