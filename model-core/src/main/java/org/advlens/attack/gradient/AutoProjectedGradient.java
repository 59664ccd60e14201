package org.advlens.attack.gradient;

import java.util.Arrays;
import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.BatchRows;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.LogitLosses;
import org.advlens.attack.Norm;
import org.advlens.attack.SeededNoise;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The loop of APGD (Croce and Hein, "Reliable evaluation of adversarial robustness with an ensemble of diverse
 * parameter-free attacks", ICML 2020), shared by its cross-entropy, DLR and targeted DLR forms, which supply only
 * the loss.
 *
 * <p>From a random point on the epsilon ball, a first projected step of size {@code eta = 2 eps}, then steps with
 * momentum {@code x_{k+1} = P(x_k + 0.75 (z_{k+1} - x_k) + 0.25 (x_k - x_{k-1}))},
 * {@code z_{k+1} = P(x_k + eta * dir(grad))}. At checkpoints after 22 % of the steps, then at intervals shrinking
 * by 3 % to at least 6 %, each example's step size is halved and it restarts from its best point when fewer than
 * 75 % of the steps since the last checkpoint raised the loss, or when the step size was not reduced at the last
 * checkpoint and the best loss has not improved since. The best point (highest loss) is kept, and a point that
 * meets the goal is preferred over one that does not. Restarts run on the examples not yet solved.
 */
abstract class AutoProjectedGradient implements FixedEpsilonAttack {

    private static final double MOMENTUM = 0.75;
    private static final double RHO = 0.75;

    /**
     * The loss to maximise on logits {@code z}, written into {@code loss}, with its logit derivative as weights.
     *
     * @param targets the class each example is pushed towards, or {@code null} for untargeted
     */
    protected abstract INDArray loss(float[][] z, int[] labels, int[] targets, double[] loss);

    /**
     * The target classes of each run: a single run with the user's target or untargeted ({@code null} row), or,
     * for APGD-T, one run per highest-scoring wrong class.
     */
    protected int[][] runTargets(Classifier model, INDArray x, int[] labels, AttackParams params) {
        return new int[][] {params.targeted() ? AttackInputs.goalLabels(labels, params) : null};
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
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        INDArray clean = x.castTo(DataType.FLOAT);
        int n = labels.length;
        SeededNoise rng = new SeededNoise(params.seed());
        int[][] runs = runTargets(model, clean, labels, params);
        int[] goalTargets = params.targeted() ? AttackInputs.goalLabels(labels, params) : null;
        INDArray[] out = new INDArray[epsilons.length];
        for (int e = 0; e < epsilons.length; e++) {
            double eps = epsilons[e];
            if (eps == 0) {
                out[e] = clean.dup();
                continue;
            }
            INDArray best = null;
            boolean[] solved = new boolean[n];
            double[] bestLoss = new double[n];
            for (int[] targets : runs) {
                int restarts = runs.length > 1 ? 1 : params.restarts();
                for (int r = 0; r < restarts; r++) {
                    int[] idx = best == null ? java.util.stream.IntStream.range(0, n).toArray()
                            : BatchRows.where(solved, false);
                    if (idx.length == 0) {
                        break;
                    }
                    Single s = single(model, BatchRows.select(clean, idx), BatchRows.pick(labels, idx),
                            targets == null ? null : BatchRows.pick(targets, idx),
                            goalTargets == null ? null : BatchRows.pick(goalTargets, idx), eps, params, rng,
                            cancellation);
                    if (best == null) {
                        best = s.adversarial;
                        solved = s.solved;
                        bestLoss = s.loss;
                        continue;
                    }
                    for (int j = 0; j < idx.length; j++) {
                        int i = idx[j];
                        if (s.solved[j] || (runs.length == 1 && !solved[i] && s.loss[j] > bestLoss[i])) {
                            best.putSlice(i, s.adversarial.slice(j));
                            solved[i] = s.solved[j];
                            bestLoss[i] = s.loss[j];
                        }
                    }
                }
            }
            out[e] = best;
        }
        return out;
    }

    private record Single(INDArray adversarial, boolean[] solved, double[] loss) {
    }

    /**
     * One APGD run on a batch.
     *
     * @param targets targets of the loss, or {@code null}
     * @param goal targets of success (the user's target), or {@code null} for untargeted success
     */
    private Single single(Classifier model, INDArray x, int[] labels, int[] targets, int[] goal, double eps,
                          AttackParams params, SeededNoise rng, CancellationToken cancellation) {
        int n = labels.length;
        Norm norm = params.norm();
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        int steps = params.steps();

        INDArray adv = GradientAttack.clip(x.add(startOnBall(norm, x.shape(), eps, rng)), lower, upper);
        double[] loss = new double[n];
        float[][] z = Logits.rows(model.logits(adv));
        INDArray grad = gradient(model, adv, z, labels, targets, goal, loss);
        boolean[] solved = LogitLosses.success(z, labels, goal);
        INDArray bestAdv = adv.dup();
        INDArray bestPoint = adv.dup();
        INDArray bestGrad = grad.dup();
        double[] bestLoss = loss.clone();
        double[] eta = new double[n];
        Arrays.fill(eta, 2 * eps);
        INDArray previous = adv.dup();

        int interval = Math.max((int) (0.22 * steps), 1);
        int shrink = Math.max((int) (0.03 * steps), 1);
        int minInterval = Math.max((int) (0.06 * steps), 1);
        int sinceCheck = 0;
        int[] increases = new int[n];
        double[] lossAtCheck = bestLoss.clone();
        boolean[] reducedAtCheck = new boolean[n];
        Arrays.fill(reducedAtCheck, true);

        for (int k = 0; k < steps; k++) {
            cancellation.throwIfCancelled();
            double a = k == 0 ? 1.0 : MOMENTUM;
            INDArray momentum = adv.sub(previous);
            previous = adv.dup();
            INDArray zStep = project(x, BatchRows.scaleRows(norm.direction(grad), eta).addi(adv), norm, eps, lower,
                    upper);
            INDArray next = zStep.subi(adv).muli(a).addi(adv).addi(momentum.muli(1 - a));
            adv = project(x, next, norm, eps, lower, upper);

            double[] previousLoss = loss.clone();
            z = Logits.rows(model.logits(adv));
            grad = gradient(model, adv, z, labels, targets, goal, loss);
            boolean[] success = LogitLosses.success(z, labels, goal);
            for (int i = 0; i < n; i++) {
                if (success[i]) {
                    solved[i] = true;
                    bestAdv.putSlice(i, adv.slice(i));
                }
                increases[i] += loss[i] > previousLoss[i] ? 1 : 0;
                if (loss[i] > bestLoss[i]) {
                    bestLoss[i] = loss[i];
                    bestPoint.putSlice(i, adv.slice(i));
                    bestGrad.putSlice(i, grad.slice(i));
                }
            }
            if (++sinceCheck == interval) {
                for (int i = 0; i < n; i++) {
                    boolean oscillating = increases[i] < RHO * interval;
                    boolean stalled = !reducedAtCheck[i] && bestLoss[i] <= lossAtCheck[i];
                    reducedAtCheck[i] = oscillating || stalled;
                    lossAtCheck[i] = bestLoss[i];
                    increases[i] = 0;
                    if (reducedAtCheck[i]) {
                        eta[i] /= 2;
                        adv.putSlice(i, bestPoint.slice(i));
                        grad.putSlice(i, bestGrad.slice(i));
                    }
                }
                sinceCheck = 0;
                interval = Math.max(interval - shrink, minInterval);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!solved[i]) {
                bestAdv.putSlice(i, bestPoint.slice(i));
            }
        }
        return new Single(bestAdv, solved, bestLoss);
    }

    private INDArray gradient(Classifier model, INDArray adv, float[][] z, int[] labels, int[] targets, int[] goal,
                              double[] loss) {
        // Towards a user's target the loss is pushed away from the strongest other class, not the label
        // (the label may no longer be the class in the way).
        int[] from = labels;
        if (goal != null) {
            from = new int[labels.length];
            for (int i = 0; i < from.length; i++) {
                from[i] = LogitLosses.largestOther(z[i], goal[i]);
            }
        }
        INDArray weights = loss(z, from, targets, loss);
        return model.logitGradient(adv, weights).castTo(DataType.FLOAT);
    }

    /** Projects {@code point - x} onto the ball and the result into the bounds. */
    static INDArray project(INDArray x, INDArray point, Norm norm, double eps, double lower, double upper) {
        INDArray delta = norm.project(point.sub(x), eps);
        return GradientAttack.clip(delta.addi(x), lower, upper);
    }

    /**
     * A random start on the sphere of the ball, as in the reference implementation: uniform noise scaled so its
     * largest value is {@code eps} (L-inf), or Gaussian noise scaled to L2 norm {@code eps}.
     */
    static INDArray startOnBall(Norm norm, long[] shape, double eps, SeededNoise rng) {
        if (norm == Norm.L2) {
            return norm.direction(rng.gaussian(shape)).muli(eps);
        }
        INDArray t = rng.uniform(shape).muli(2).subi(1);
        INDArray max = Transforms.abs(t.reshape('c', shape[0], -1), true).max(1).addi(1e-12).reshape(shape[0], 1);
        return t.reshape('c', shape[0], -1).divColumnVector(max).muli(eps).reshape('c', shape);
    }
}
