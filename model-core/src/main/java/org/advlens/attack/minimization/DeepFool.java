package org.advlens.attack.minimization;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.attack.AttackInputs;
import org.advlens.attack.BatchRows;
import org.advlens.attack.DistanceMeasure;
import org.advlens.attack.LogitLosses;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationCandidates;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.Norm;
import org.advlens.attack.OptionChecks;
import org.advlens.attack.OptionValues;
import org.advlens.attack.gradient.GradientAttack;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DeepFool: linearise the classifier around the current point, step to the nearest linearised decision boundary,
 * repeat until the decision changes; the accumulated step is applied with an overshoot of {@code 1 + overshoot}.
 * Moosavi-Dezfooli, Fawzi and Frossard, "DeepFool: a simple and accurate method to fool deep neural networks",
 * CVPR 2016.
 *
 * <p>For each candidate class {@code k} (the {@code candidates - 1} highest-scoring classes at the clean input
 * other than the label) the boundary is {@code f_k = z_k - z_y = 0} with normal {@code w_k = grad f_k}; its
 * distance is {@code |f_k| / ||w_k||_q} with the dual norm {@code q} (2 for L2, 1 for L-inf). The step to the
 * nearest one is {@code |f| / ||w||_2^2 * w} (L2) or {@code |f| / ||w||_1 * sign(w)} (L-inf), lengthened by
 * {@code 1e-4} of the value range as in the authors' code, so that a point converging onto the boundary from one
 * side still crosses it. On a linear classifier the first step lands on the nearest boundary. A targeted run has the target as its only
 * candidate and moves away from the currently predicted class. Values held at a bound by the direction of the
 * step are left out of the linearisation, so the step to the boundary is taken within the box's face.
 *
 * <p>The norm of the accumulated steps without the lengthening and the overshoot, the linearised boundary
 * distance, is returned as the estimate for every example, including those where clipping to the bounds stops
 * the step short: an example whose every candidate boundary needs values held at a bound stops there, keeping
 * the distance accumulated so far.
 *
 * <p>Its hyperparameters are {@link Options}; of the shared {@link MinimizationParams} it uses {@code norm} (L2 or
 * L-inf) and {@code targetClass}.
 */
public final class DeepFool implements MinimizationAttack {

    private static final double TINY = 1e-12;
    /** Each step aims this far (times the value range) past the linearised boundary, as the authors' code does. */
    private static final double PAST = 1e-4;

    private final Options options;

    /** The attack with {@link Options#defaults()}. */
    public DeepFool() {
        this(Options.defaults());
    }

    public DeepFool(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public Map<String, Object> parameters() {
        return options.parameters();
    }

    @Override
    public String name() {
        return "deepfool";
    }

    @Override
    public String displayName() {
        return "DeepFool (Moosavi-Dezfooli et al. 2016)";
    }

    @Override
    public DistanceMeasure measure(MinimizationParams params) {
        return DistanceMeasure.of(params.norm());
    }

    /** L2, untargeted, seed 0. */
    @Override
    public MinimizationParams defaults() {
        return MinimizationParams.defaults().withNorm(Norm.L2);
    }

    @Override
    public MinimizationCandidates run(Classifier model, INDArray x, int[] labels, MinimizationParams params,
                                      CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, new double[] {0}, params.verification());
        int n = labels.length;
        int classes = model.numClasses();
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        Norm norm = params.norm();
        INDArray clean = x.castTo(DataType.FLOAT);
        int[][] candidates = candidates(Logits.rows(model.logits(clean)), labels, params, options.candidates(), classes);

        INDArray total = Nd4j.zerosLike(clean);
        INDArray linearised = Nd4j.zerosLike(clean);
        INDArray adv = clean.dup();
        boolean[] stalled = new boolean[n];
        for (int iteration = 0; iteration < options.steps(); iteration++) {
            cancellation.throwIfCancelled();
            float[][] z = Logits.rows(model.logits(adv));
            int[] pred = argmax(z);
            boolean[] active = new boolean[n];
            for (int i = 0; i < n; i++) {
                boolean reached = params.targeted() ? pred[i] == params.targetClass() : pred[i] != labels[i];
                active[i] = !stalled[i] && !reached;
            }
            int[] idx = BatchRows.where(active, true);
            if (idx.length == 0) {
                break;
            }
            INDArray sub = BatchRows.select(adv, idx);
            double[] bestDistance = new double[idx.length];
            Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
            double[] bestF = new double[idx.length];
            INDArray bestW = Nd4j.zerosLike(sub);
            for (int k = 0; k < candidates[0].length; k++) {
                float[][] weights = new float[idx.length][classes];
                double[] f = new double[idx.length];
                for (int j = 0; j < idx.length; j++) {
                    int i = idx[j];
                    int source = params.targeted() ? pred[i] : labels[i];
                    int other = candidates[i][k];
                    weights[j][other] += 1;
                    weights[j][source] -= 1;
                    f[j] = z[i][other] - z[i][source];
                }
                INDArray g = blockedByBounds(model.logitGradient(sub, Nd4j.createFromArray(weights))
                        .castTo(DataType.FLOAT), sub, lower, upper);
                INDArray flat = g.reshape('c', idx.length, -1);
                double[] dual = norm == Norm.L2 ? flat.norm2(1).toDoubleVector() : flat.norm1(1).toDoubleVector();
                for (int j = 0; j < idx.length; j++) {
                    if (dual[j] < TINY) {
                        continue; // every value this boundary needs is held at a bound
                    }
                    double d = Math.abs(f[j]) / dual[j];
                    if (d < bestDistance[j]) {
                        bestDistance[j] = d;
                        bestF[j] = f[j];
                        bestW.putSlice(j, g.slice(j));
                    }
                }
            }
            // unit direction of the step: w / ||w||_2 (L2) or sign(w) (L-inf), whose dual-norm product with w is
            // ||w||_q, so a step of d along it moves f by exactly the distance d times ||w||_q = |f|
            INDArray unit = norm == Norm.L2 ? norm.direction(bestW) : Transforms.sign(bestW, true);
            double[] reach = new double[idx.length];
            double[] beyond = new double[idx.length];
            for (int j = 0; j < idx.length; j++) {
                boolean none = bestDistance[j] == Double.POSITIVE_INFINITY;
                reach[j] = none ? 0 : bestDistance[j];
                beyond[j] = none ? 0 : bestDistance[j] + PAST * (upper - lower);
            }
            INDArray subLinearised = BatchRows.select(linearised, idx).addi(BatchRows.scaleRows(unit.dup(), reach));
            INDArray subTotal = BatchRows.select(total, idx).addi(BatchRows.scaleRows(unit, beyond));
            INDArray moved = GradientAttack.clip(subTotal.mul(1 + options.overshoot()).addi(BatchRows.select(clean, idx)),
                    lower, upper);
            for (int j = 0; j < idx.length; j++) {
                if (bestDistance[j] == Double.POSITIVE_INFINITY) {
                    // the bounds stop this example: keep the boundary distance found so far and stop it
                    stalled[idx[j]] = true;
                    continue;
                }
                total.putSlice(idx[j], subTotal.slice(j));
                linearised.putSlice(idx[j], subLinearised.slice(j));
                adv.putSlice(idx[j], moved.slice(j));
            }
        }
        double[] estimate = norm.measure(linearised);
        return new MinimizationCandidates(adv, estimate);
    }

    /**
     * The gradient with the values that cannot move zeroed: those at the upper bound where the step (along
     * {@code +g}) would raise them, and those at the lower bound where it would lower them. The linearised step
     * then lies in the face of the box the point is on, instead of being eaten by clipping.
     */
    private static INDArray blockedByBounds(INDArray g, INDArray at, double lower, double upper) {
        double tol = 1e-7 * (upper - lower);
        INDArray up = at.gte(upper - tol).castTo(DataType.FLOAT).muli(g.gt(0).castTo(DataType.FLOAT));
        INDArray down = at.lte(lower + tol).castTo(DataType.FLOAT).muli(g.lt(0).castTo(DataType.FLOAT));
        return g.muli(up.addi(down).rsubi(1));
    }

    /** The candidate boundaries of each example: the target alone, or the top classes other than the label. */
    private static int[][] candidates(float[][] z, int[] labels, MinimizationParams params, int candidates,
                                      int classes) {
        int[][] out = new int[z.length][];
        int count = Math.min(candidates, classes) - 1;
        for (int i = 0; i < z.length; i++) {
            if (params.targeted()) {
                out[i] = new int[] {params.targetClass()};
                continue;
            }
            int[] order = LogitLosses.descending(z[i]);
            int y = labels[i];
            out[i] = Arrays.stream(order).filter(k -> k != y).limit(count).toArray();
        }
        return out;
    }

    private static int[] argmax(float[][] z) {
        int[] out = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            for (int k = 1; k < z[i].length; k++) {
                if (z[i][k] > z[i][out[i]]) {
                    out[i] = k;
                }
            }
        }
        return out;
    }

    /**
     * DeepFool's hyperparameters.
     *
     * @param steps the most iterations, in [1, 100000]
     * @param overshoot the accumulated step is multiplied by {@code 1 + overshoot}, {@code >= 0}
     * @param candidates how many of the highest-scoring classes (the label included) are candidate boundaries,
     *                   at least 2
     */
    public record Options(int steps, double overshoot, int candidates) {

        public Options {
            OptionChecks.checkSteps(steps);
            if (!(overshoot >= 0) || !Double.isFinite(overshoot)) {
                throw new IllegalArgumentException("overshoot must be >= 0, got " + overshoot);
            }
            if (candidates < 2 || candidates > 100_000) {
                throw new IllegalArgumentException("candidates must be at least 2, got " + candidates);
            }
        }

        /** 50 iterations, overshoot 0.02 (the authors'), 10 candidate classes. */
        public static Options defaults() {
            return new Options(50, 0.02, 10);
        }

        /** The options named in {@code values} ({@link #parameters()}'s names), the defaults for the others. */
        public static Options from(OptionValues values) {
            Options d = defaults();
            return new Options(values.whole("steps", d.steps), values.real("overshoot", d.overshoot),
                    values.whole("candidates", d.candidates));
        }

        /** The options by name, in a fixed order. */
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("overshoot", overshoot);
            m.put("candidates", candidates);
            return Collections.unmodifiableMap(m);
        }

        public Options withSteps(int v) {
            return new Options(v, overshoot, candidates);
        }

        public Options withOvershoot(double v) {
            return new Options(steps, v, candidates);
        }

        public Options withCandidates(int v) {
            return new Options(steps, overshoot, v);
        }
    }
}
