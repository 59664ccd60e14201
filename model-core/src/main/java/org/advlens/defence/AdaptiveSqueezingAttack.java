package org.advlens.defence;

import java.util.List;
import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.PerturbationSteps;
import org.advlens.attack.SeededNoise;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An adaptive attack on a classifier guarded by the feature-squeezing detector, after Carlini and Wagner,
 * "Adversarial Examples Are Not Easily Detected: Bypassing Ten Detection Methods" (AISec 2017) and Tramèr, Carlini,
 * Brendel and Madry, "On Adaptive Attacks to Adversarial Example Defenses" (NeurIPS 2020). The detector flags an
 * input when the model's softmax on it and on a squeezed copy differ; so the attack pushes the plain prediction
 * and every squeezed prediction to the same wrong class {@code t}: PGD descending
 * {@code CE(f(x), t) + sum_j CE(f(s_j(x)), t)}. The gradient goes through each squeezer exactly where its derivative
 * is useful (the median filter routes it to the median pixels) and by BPDA, as the identity, where it is not
 * (bit-depth reduction; Athalye, Carlini and Wagner, ICML 2018). When every view is confident in {@code t} the
 * softmaxes agree and the L1 score is small.
 *
 * <p>The loop is PGD's: random start in the ball, a step of {@code stepSize * epsilon} along the norm's
 * steepest-descent direction, projection onto the epsilon ball then clipping to the model's bounds after every
 * step. Untargeted, restart {@code r} aims at the clean image's {@code (r+1)}-th most likely wrong class; targeted, at
 * the target. Across restarts each example keeps a candidate that fools the model, and among those the one with the
 * lowest detector score. {@link org.advlens.attack.AttackRunner} re-verifies the ball, the bounds and the success.
 */
public final class AdaptiveSqueezingAttack implements FixedEpsilonAttack {

    private final List<Squeezer> squeezers;

    public AdaptiveSqueezingAttack(List<Squeezer> squeezers) {
        if (squeezers == null || squeezers.isEmpty()) {
            throw new IllegalArgumentException("at least one squeezer is required");
        }
        this.squeezers = List.copyOf(squeezers);
    }

    @Override
    public String name() {
        return "fs-adaptive";
    }

    @Override
    public String displayName() {
        return "Adaptive BPDA-PGD on classifier and feature-squeezing detector (Carlini and Wagner 2017)";
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

    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        int n = (int) x.size(0);
        int size = (int) (x.length() / Math.max(1, n));
        int classes = model.numClasses();
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        double relStep = params.stepSizeOr(2.5 / params.steps());
        float[] x0 = FloatArrays.of(x);
        int[][] wrongByLikelihood = wrongClassesByLikelihood(model.logits(x), labels);
        FeatureSqueezing detector = new FeatureSqueezing(model, squeezers);
        List<Classifier> views = squeezers.stream().<Classifier>map(q -> new PreprocessedClassifier(model, q,
                q.hasUsefulGradient() ? GradientMode.EXACT : GradientMode.BPDA)).toList();
        SeededNoise rng = new SeededNoise(params.seed());
        float[] logits = new float[n * classes];
        float[] gradient = new float[x0.length];
        float[] total = new float[x0.length];
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
                    target[i] = params.targeted() ? params.targetClass()
                            : wrongByLikelihood[i][r % wrongByLikelihood[i].length];
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
                    model.logitsAndGradient(adv, n, weights, null, logits, total);
                    for (Classifier view : views) {
                        view.logitsAndGradient(adv, n, weights, null, logits, gradient);
                        for (int i = 0; i < total.length; i++) {
                            total[i] += gradient[i];
                        }
                    }
                    PerturbationSteps.ascend(adv, total, -1f, relStep * eps, params.norm(), size);
                    PerturbationSteps.projectAndClip(adv, x0, eps, params.norm(), lower, upper, size);
                }
                INDArray candidate = Nd4j.create(adv, x.shape(), 'c');
                double[] score = score(model, detector, candidate, labels, params);
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

    /** Higher is better for the attacker: fooling the model dominates, then a low detector score. */
    private static double[] score(Classifier model, FeatureSqueezing detector, INDArray candidate, int[] labels,
                                  AttackParams params) {
        int[] pred = model.predict(candidate);
        double[] detection = detector.scores(candidate);
        double[] s = new double[pred.length];
        for (int i = 0; i < s.length; i++) {
            boolean fooled = params.targeted() ? pred[i] == params.targetClass() : pred[i] != labels[i];
            s[i] = (fooled ? 10 : 0) - detection[i];
        }
        return s;
    }

    /** Per example, the classes other than its label, most likely first. */
    static int[][] wrongClassesByLikelihood(INDArray logits, int[] labels) {
        float[][] z = Logits.rows(logits);
        int[][] out = new int[z.length][];
        for (int i = 0; i < z.length; i++) {
            float[] row = z[i];
            int label = labels[i];
            out[i] = java.util.stream.IntStream.range(0, row.length).filter(k -> k != label).boxed()
                    .sorted((a, b) -> Float.compare(row[b], row[a])).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** The squeezers it attacks through. */
    public List<Squeezer> squeezers() {
        return squeezers;
    }
}
