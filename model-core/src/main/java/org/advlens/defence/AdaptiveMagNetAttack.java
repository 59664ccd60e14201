package org.advlens.defence;

import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.PerturbationSteps;
import org.advlens.attack.SeededNoise;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An adaptive attack on MagNet (Meng and Chen, CCS 2017), in the spirit of Carlini and Wagner, "MagNet and
 * 'Efficient Defenses Against Adversarial Attacks' are Not Robust to Adversarial Examples" (2017) and Tramèr et al.
 * (NeurIPS 2020): it attacks the reformed classifier {@code f(AE(x))} it is given, through the autoencoder's exact
 * gradient, while keeping the detector's reconstruction error low. PGD descends
 * {@code CE(f(AE(x)), t) + weight * sum((AE(x) - x)^2) / range^2} towards the most likely wrong class {@code t} (the
 * next one on each restart, or the target), projecting onto the epsilon ball then clipping after every step; each
 * example keeps a candidate that fools the classifier, and among those the one with the lowest reconstruction error.
 * {@link org.advlens.attack.AttackRunner} re-verifies the ball, the bounds and the success.
 */
public final class AdaptiveMagNetAttack implements FixedEpsilonAttack {

    /** The reconstruction term's weight by default. */
    public static final double DEFAULT_WEIGHT = 1.0;

    private final Autoencoder autoencoder;
    private final double weight;

    /**
     * @param weight weight of the summed squared reconstruction error (pixel range units) against the
     *               cross-entropy, in [0, 1000]
     */
    public AdaptiveMagNetAttack(Autoencoder autoencoder, double weight) {
        if (autoencoder == null) {
            throw new IllegalArgumentException("an autoencoder is required");
        }
        if (!(weight >= 0 && weight <= 1000)) {
            throw new IllegalArgumentException("reconstruction weight must be in [0, 1000], got " + weight);
        }
        this.autoencoder = autoencoder;
        this.weight = weight;
    }

    @Override
    public String name() {
        return "magnet-adaptive";
    }

    @Override
    public String displayName() {
        return "Adaptive PGD through MagNet's reformer with a reconstruction-error term";
    }

    @Override
    public boolean iterative() {
        return true;
    }

    @Override
    public boolean randomised() {
        return true;
    }

    /** 40 steps, PGD's step size 2.5/steps, L-inf, one restart. */
    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(40);
    }

    /** @param model the reformed classifier {@code f(AE(x))}, as {@link MagNet#guarded()} gives it */
    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        int n = (int) x.size(0);
        int size = (int) (x.length() / Math.max(1, n));
        int classes = model.numClasses();
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        double range = model.inputSpec().range();
        double relStep = params.stepSizeOr(2.5 / params.steps());
        float[] x0 = FloatArrays.of(x);
        int[][] wrong = AdaptiveSqueezingAttack.wrongClassesByLikelihood(model.logits(x), labels);
        SeededNoise rng = new SeededNoise(params.seed());
        float[] logits = new float[n * classes];
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
            for (int r = 0; r < params.restarts(); r++) {
                int[] target = new int[n];
                for (int i = 0; i < n; i++) {
                    target[i] = params.targeted() ? params.targetClass() : wrong[i][r % wrong[i].length];
                }
                float[] weights = FloatArrays.of(Logits.oneHot(target, classes));
                float[] adv = x0.clone();
                float[] start = FloatArrays.of(params.norm().randomStart(x.shape(), eps, rng));
                for (int i = 0; i < adv.length; i++) {
                    adv[i] += start[i];
                }
                PerturbationSteps.projectAndClip(adv, x0, eps, params.norm(), lower, upper, size);
                for (int s = 0; s < params.steps(); s++) {
                    cancellation.throwIfCancelled();
                    model.logitsAndGradient(adv, n, weights, null, logits, gradient);
                    if (weight > 0) {
                        float[] recon = reconstructionErrorGradient(adv, x.shape(), range);
                        for (int i = 0; i < gradient.length; i++) {
                            gradient[i] += (float) weight * recon[i];
                        }
                    }
                    PerturbationSteps.ascend(adv, gradient, -1f, relStep * eps, params.norm(), size);
                    PerturbationSteps.projectAndClip(adv, x0, eps, params.norm(), lower, upper, size);
                }
                INDArray candidate = Nd4j.create(adv, x.shape(), 'c');
                double[] score = score(model, candidate, labels, params);
                if (best == null) {
                    best = candidate;
                    bestScore = score;
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    if (score[i] > bestScore[i]) {
                        best.putSlice(i, candidate.slice(i));
                        bestScore[i] = score[i];
                    }
                }
            }
            out[e] = best;
        }
        return out;
    }

    /**
     * Gradient of {@code sum((AE(x) - x)^2) / range^2}: {@code 2 (J^T d - d) / range^2} with {@code d = AE(x) - x}.
     */
    private float[] reconstructionErrorGradient(float[] adv, long[] shape, double range) {
        INDArray xs = Nd4j.create(adv, shape, 'c');
        INDArray d = autoencoder.reconstruct(xs).subi(xs);
        INDArray pulled = autoencoder.reconstructionGradient(xs, d);
        return FloatArrays.of(pulled.subi(d).muli(2 / (range * range)));
    }

    /** Higher is better for the attacker: fooling the classifier dominates, then a low reconstruction error. */
    private double[] score(Classifier model, INDArray candidate, int[] labels, AttackParams params) {
        int[] pred = model.predict(candidate);
        double[] error = autoencoder.reconstructionError(Images.of(candidate));
        double[] s = new double[pred.length];
        for (int i = 0; i < s.length; i++) {
            boolean fooled = params.targeted() ? pred[i] == params.targetClass() : pred[i] != labels[i];
            s[i] = (fooled ? 1e6 : 0) - error[i];
        }
        return s;
    }
}
