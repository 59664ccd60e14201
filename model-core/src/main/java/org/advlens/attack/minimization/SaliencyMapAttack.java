package org.advlens.attack.minimization;

import org.advlens.attack.AttackInputs;
import org.advlens.attack.BatchRows;
import org.advlens.attack.DistanceMeasure;
import org.advlens.attack.LogitLosses;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationCandidates;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.OptionValues;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * JSMA, the Jacobian-based saliency map attack: a targeted L0 attack that repeatedly picks the pair of input
 * values whose change most raises the target's score while lowering the others', and sets both to a bound.
 * Papernot, McDaniel, Jha, Fredrikson, Celik and Swami, "The Limitations of Deep Learning in Adversarial
 * Settings", IEEE EuroS&P 2016.
 *
 * <p>With {@code alpha = d z_t / dx} and {@code beta = sum_{j != t} d z_j / dx} summed over a pair {@code (p, q)},
 * the increasing variant sets the pair to the upper bound and needs {@code alpha > 0, beta < 0}, scoring
 * {@code alpha * |beta|}; the decreasing variant sets it to the lower bound and needs {@code alpha < 0,
 * beta > 0}. A value changed once leaves the search domain. The derivatives are taken on the logits (the
 * variant Carlini and Wagner 2017 found more reliable than the softmax one). The attack stops when the target
 * is predicted, when more than {@code gamma} of the values have changed, or when no admissible pair is left.
 *
 * <p>It is targeted; without a target it aims, for each example, at the highest-scoring class other than the
 * label. Its hyperparameter is {@link Options} (gamma); of the shared {@link MinimizationParams} it uses
 * {@code targetClass}. The engine reports the fraction of values changed from its own L0 measurement.
 */
public final class SaliencyMapAttack implements MinimizationAttack {

    private final boolean increase;
    private final Options options;

    /** The increasing variant (pairs set to the upper bound) with {@link Options#defaults()}. */
    public SaliencyMapAttack() {
        this(true);
    }

    /** @param increase {@code true} to set pairs to the upper bound, {@code false} to set them to the lower one */
    public SaliencyMapAttack(boolean increase) {
        this(increase, Options.defaults());
    }

    /** @param increase {@code true} to set pairs to the upper bound, {@code false} to set them to the lower one */
    public SaliencyMapAttack(boolean increase, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.increase = increase;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public java.util.Map<String, Object> parameters() {
        return options.parameters();
    }

    @Override
    public String name() {
        return increase ? "jsma" : "jsma-decrease";
    }

    @Override
    public String displayName() {
        return increase ? "JSMA (Papernot et al. 2016)" : "JSMA, decreasing (Papernot et al. 2016)";
    }

    @Override
    public DistanceMeasure measure(MinimizationParams params) {
        return DistanceMeasure.L0;
    }

    /** Untargeted (aiming at the runner-up class), seed 0; the norm is not used. */
    @Override
    public MinimizationParams defaults() {
        return MinimizationParams.defaults();
    }

    @Override
    public MinimizationCandidates run(Classifier model, INDArray x, int[] labels, MinimizationParams params,
                                      CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, new double[] {0}, params.verification());
        int n = labels.length;
        int classes = model.numClasses();
        float lower = (float) model.inputSpec().lower();
        float upper = (float) model.inputSpec().upper();
        long[] shape = x.shape();
        INDArray clean = x.castTo(DataType.FLOAT);
        float[][] adv = Logits.rows(clean.reshape('c', n, -1));
        int d = adv[0].length;
        int budget = (int) Math.floor(options.maxDistortion() * d);
        int[] targets = targets(Logits.rows(model.logits(clean)), labels, params);
        boolean[][] domain = new boolean[n][d];
        int[] changed = new int[n];
        boolean[] stuck = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                domain[i][p] = increase ? adv[i][p] < upper : adv[i][p] > lower;
            }
        }
        while (true) {
            cancellation.throwIfCancelled();
            INDArray current = Nd4j.createFromArray(adv).reshape('c', shape);
            int[] pred = model.predict(current);
            boolean[] active = new boolean[n];
            for (int i = 0; i < n; i++) {
                active[i] = pred[i] != targets[i] && !stuck[i] && changed[i] + 2 <= budget;
            }
            int[] idx = BatchRows.where(active, true);
            if (idx.length == 0) {
                break;
            }
            INDArray sub = BatchRows.select(current, idx);
            float[][] toTarget = new float[idx.length][classes];
            float[][] toAll = new float[idx.length][classes];
            for (int j = 0; j < idx.length; j++) {
                toTarget[j][targets[idx[j]]] = 1;
                java.util.Arrays.fill(toAll[j], 1);
            }
            float[][] alpha = Logits.rows(model.logitGradient(sub, Nd4j.createFromArray(toTarget)).reshape('c', idx.length, -1)
                    );
            float[][] all = Logits.rows(model.logitGradient(sub, Nd4j.createFromArray(toAll)).reshape('c', idx.length, -1)
                    );
            for (int j = 0; j < idx.length; j++) {
                int i = idx[j];
                float[] beta = new float[d];
                for (int p = 0; p < d; p++) {
                    beta[p] = all[j][p] - alpha[j][p];
                }
                int[] pair = bestPair(alpha[j], beta, domain[i]);
                if (pair == null) {
                    stuck[i] = true;
                    continue;
                }
                for (int p : pair) {
                    adv[i][p] = increase ? upper : lower;
                    domain[i][p] = false;
                }
                changed[i] += 2;
            }
        }
        return MinimizationCandidates.of(Nd4j.createFromArray(adv).reshape('c', shape));
    }

    /** The admissible pair with the highest saliency, or {@code null}. */
    private int[] bestPair(float[] alpha, float[] beta, boolean[] domain) {
        int d = alpha.length;
        double best = 0;
        int bp = -1;
        int bq = -1;
        for (int p = 0; p < d; p++) {
            if (!domain[p]) {
                continue;
            }
            for (int q = p + 1; q < d; q++) {
                if (!domain[q]) {
                    continue;
                }
                double a = alpha[p] + alpha[q];
                double b = beta[p] + beta[q];
                double score = increase ? (a > 0 && b < 0 ? -a * b : 0) : (a < 0 && b > 0 ? -a * b : 0);
                if (score > best) {
                    best = score;
                    bp = p;
                    bq = q;
                }
            }
        }
        return bp < 0 ? null : new int[] {bp, bq};
    }

    private static int[] targets(float[][] z, int[] labels, MinimizationParams params) {
        int[] t = new int[labels.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = params.targeted() ? params.targetClass() : LogitLosses.largestOther(z[i], labels[i]);
        }
        return t;
    }

    /**
     * JSMA's hyperparameter.
     *
     * @param maxDistortion gamma: the largest fraction of input values it may change, in (0, 1]
     */
    public record Options(double maxDistortion) {

        public Options {
            if (!(maxDistortion > 0 && maxDistortion <= 1)) {
                throw new IllegalArgumentException("max distortion must be in (0, 1], got " + maxDistortion);
            }
        }

        /** gamma 0.145, the paper's value for MNIST. */
        public static Options defaults() {
            return new Options(0.145);
        }

        /** The option named in {@code values} ({@link #parameters()}'s name), or the default. */
        public static Options from(OptionValues values) {
            return new Options(values.real("max-distortion", defaults().maxDistortion));
        }

        /** The options by name. */
        public java.util.Map<String, Object> parameters() {
            return java.util.Map.of("max-distortion", maxDistortion);
        }

        public Options withMaxDistortion(double v) {
            return new Options(v);
        }
    }
}
