package org.advlens.attack.blackbox;

import java.util.SplittableRandom;
import org.advlens.attack.AttackInputs;
import org.advlens.attack.AttackParams;
import org.advlens.attack.BatchRows;
import org.advlens.attack.ExampleSeeds;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.LogitLosses;
import org.advlens.attack.Norm;
import org.advlens.attack.OptionValues;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Square attack: a score-based (black-box) random search that only queries the logits. Each query changes
 * the perturbation on one random square window and keeps the change if the margin loss falls. Andriushchenko,
 * Croce, Flammarion and Hein, "Square Attack: a query-efficient black-box adversarial attack via random search",
 * ECCV 2020.
 *
 * <p>L-inf: starts from vertical stripes of {@code +-eps}; each query sets one window (per channel) to a random
 * {@code +-eps}. L2: starts from a grid of pseudo-Gaussian squares scaled to norm {@code eps}; each query moves
 * mass from a second window into a first, shaped by a pseudo-Gaussian pair of opposite-sign squares. The window
 * covers a fraction {@code p} of the image, starting at {@link Options#pInit()} and halved on the reference
 * schedule.
 * The loss is the margin on the logits ({@code z_y - max_{j != y} z_j}, or {@code max_{j != t} z_j - z_t}
 * targeted); an example stops querying once it is negative.
 *
 * <p>{@link AttackParams#steps()} is the query budget per example (besides the one for the starting point);
 * restarts repeat the search from a new random start on the examples not yet solved.
 */
public final class SquareAttack implements FixedEpsilonAttack {

    private final Options options;

    /** The attack with {@link Options#defaults()}. */
    public SquareAttack() {
        this(Options.defaults());
    }

    public SquareAttack(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
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
        return "square";
    }

    @Override
    public String displayName() {
        return "Square (Andriushchenko et al. 2020)";
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
    public boolean usesGradients() {
        return false;
    }

    /** 1000 queries. */
    @Override
    public AttackParams defaults() {
        return AttackParams.defaults().withSteps(1000);
    }

    /** Each example's random search is drawn per example, as if the batch held the data set's first examples. */
    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, double[] epsilons, AttackParams params,
                          CancellationToken cancellation) {
        return run(model, x, labels, 0, epsilons, params, cancellation);
    }

    @Override
    public INDArray[] run(Classifier model, INDArray x, int[] labels, long first, double[] epsilons,
                          AttackParams params, CancellationToken cancellation) {
        AttackInputs.check(model, x, labels, epsilons, params);
        int[] targets = params.targeted() ? AttackInputs.goalLabels(labels, params) : null;
        SplittableRandom[] rng = new SplittableRandom[labels.length];
        for (int i = 0; i < rng.length; i++) {
            rng[i] = new SplittableRandom(ExampleSeeds.of(params.seed(), first + i));
        }
        INDArray clean = x.castTo(DataType.FLOAT);
        INDArray[] out = new INDArray[epsilons.length];
        for (int e = 0; e < epsilons.length; e++) {
            if (epsilons[e] == 0) {
                out[e] = clean.dup();
                continue;
            }
            Search s = new Search(model, clean, labels, targets, epsilons[e], params.norm(), options.pInit(), rng);
            for (int r = 0; r < params.restarts() && s.unsolved() > 0; r++) {
                s.restart(r == 0);
                for (int q = 0; q < params.steps() && s.unsolved() > 0; q++) {
                    cancellation.throwIfCancelled();
                    s.query(q, params.steps());
                }
            }
            out[e] = s.result();
        }
        return out;
    }

    /**
     * The window fraction at query {@code i} of {@code n}, starting from {@code pInit}: the reference schedule,
     * rescaled to 10,000 queries.
     */
    public static double windowFraction(double pInit, int i, int n) {
        int it = (int) ((double) i / n * 10_000);
        int[] ends = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
        double p = pInit;
        for (int end : ends) {
            if (it > end) {
                p /= 2;
            }
        }
        return it > 10_000 ? pInit : p;
    }

    /**
     * The Square attack's own hyperparameter; the query budget is {@link AttackParams#steps()}.
     *
     * @param pInit the fraction of the image the first windows cover, in (0, 1]; later windows shrink from it on
     *              the reference schedule. AutoAttack uses 0.8 for its Square component
     */
    public record Options(double pInit) {

        public Options {
            if (!(pInit > 0 && pInit <= 1)) {
                throw new IllegalArgumentException("p-init (the starting window fraction) must be in (0, 1], got "
                        + pInit);
            }
        }

        /** {@code p_init} 0.8, as AutoAttack runs it. */
        public static Options defaults() {
            return new Options(0.8);
        }

        public Options withPInit(double v) {
            return new Options(v);
        }

        /** The options named in {@code values}, the defaults for the others. */
        public static Options from(OptionValues values) {
            return new Options(values.real("p-init", defaults().pInit()));
        }

        /** The options by name, as {@link #from} reads them. */
        public java.util.Map<String, Object> parameters() {
            return java.util.Map.of("p-init", pInit);
        }
    }

    /** The search state of one epsilon: per example, the best perturbed image and its margin. */
    private static final class Search {
        private final Classifier model;
        private final int[] labels;
        private final int[] targets;
        private final double eps;
        private final Norm norm;
        private final double pInit;
        /** One generator per example: an example's search depends on its own draws only. */
        private final SplittableRandom[] rng;
        private final int n;
        private final int c;
        private final int h;
        private final int w;
        private final float lower;
        private final float upper;
        private final float[][] clean;
        private final float[][] best;
        private final double[] margin;

        Search(Classifier model, INDArray x, int[] labels, int[] targets, double eps, Norm norm, double pInit,
               SplittableRandom[] rng) {
            this.pInit = pInit;
            this.model = model;
            this.labels = labels;
            this.targets = targets;
            this.eps = eps;
            this.norm = norm;
            this.rng = rng;
            this.n = labels.length;
            this.c = (int) x.size(1);
            this.h = (int) x.size(2);
            this.w = (int) x.size(3);
            this.lower = (float) model.inputSpec().lower();
            this.upper = (float) model.inputSpec().upper();
            this.clean = Logits.rows(x.reshape('c', n, -1));
            this.best = new float[n][];
            this.margin = new double[n];
        }

        int unsolved() {
            int u = 0;
            for (double m : margin) {
                u += m >= 0 ? 1 : 0;
            }
            return u;
        }

        /** A fresh random start for every example ({@code first}) or for the unsolved ones. */
        void restart(boolean first) {
            int[] idx = first ? java.util.stream.IntStream.range(0, n).toArray() : unsolvedIndices();
            float[][] starts = new float[idx.length][];
            for (int j = 0; j < idx.length; j++) {
                SplittableRandom random = rng[idx[j]];
                float[] delta = norm == Norm.LINF ? stripes(random) : gaussianGrid(random);
                starts[j] = apply(clean[idx[j]], delta);
            }
            double[] m = margins(starts, idx);
            for (int j = 0; j < idx.length; j++) {
                if (first || m[j] < margin[idx[j]]) {
                    best[idx[j]] = starts[j];
                    margin[idx[j]] = m[j];
                }
            }
        }

        void query(int i, int budget) {
            int[] idx = unsolvedIndices();
            double p = windowFraction(pInit, i, budget);
            float[][] proposals = new float[idx.length][];
            if (norm == Norm.LINF) {
                int s = (int) Math.round(Math.sqrt(p * h * w));
                s = Math.min(Math.max(s, 1), Math.max(1, Math.min(h, w) - 1));
                for (int j = 0; j < idx.length; j++) {
                    proposals[j] = linfProposal(idx[j], s);
                }
            } else {
                int s = Math.max((int) Math.round(Math.sqrt(p * h * w)), 3);
                if (s % 2 == 0) {
                    s++;
                }
                s = Math.max(1, Math.min(s, Math.min(h, w) - 1));
                for (int j = 0; j < idx.length; j++) {
                    SplittableRandom random = rng[idx[j]];
                    int top = random.nextInt(h - s + 1);
                    int left = random.nextInt(w - s + 1);
                    int top2 = random.nextInt(h - s + 1);
                    int left2 = random.nextInt(w - s + 1);
                    proposals[j] = l2Proposal(idx[j], s, top, left, top2, left2);
                }
            }
            double[] m = margins(proposals, idx);
            for (int j = 0; j < idx.length; j++) {
                if (m[j] < margin[idx[j]]) {
                    best[idx[j]] = proposals[j];
                    margin[idx[j]] = m[j];
                }
            }
        }

        INDArray result() {
            return Nd4j.createFromArray(best).reshape('c', n, c, h, w);
        }

        private int[] unsolvedIndices() {
            return java.util.stream.IntStream.range(0, n).filter(i -> margin[i] >= 0).toArray();
        }

        private double[] margins(float[][] images, int[] idx) {
            INDArray batch = Nd4j.createFromArray(images).reshape('c', images.length, c, h, w);
            float[][] z = Logits.rows(model.logits(batch));
            return LogitLosses.margin(z, BatchRows.pick(labels, idx), targets == null ? null
                    : BatchRows.pick(targets, idx));
        }

        private float[] apply(float[] x, float[] delta) {
            float[] out = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                out[k] = Math.min(upper, Math.max(lower, x[k] + delta[k]));
            }
            return out;
        }

        /** Vertical stripes: one random sign per channel and column. */
        private float[] stripes(SplittableRandom rng) {
            float[] d = new float[c * h * w];
            for (int ch = 0; ch < c; ch++) {
                for (int col = 0; col < w; col++) {
                    float v = (float) (rng.nextBoolean() ? eps : -eps);
                    for (int row = 0; row < h; row++) {
                        d[(ch * h + row) * w + col] = v;
                    }
                }
            }
            return d;
        }

        private float[] linfProposal(int i, int s) {
            SplittableRandom random = rng[i];
            float[] x = clean[i];
            float[] cur = best[i];
            int top = random.nextInt(h - s + 1);
            int left = random.nextInt(w - s + 1);
            float[] next = cur.clone();
            for (int attempt = 0; attempt < 10; attempt++) {
                boolean differs = false;
                for (int ch = 0; ch < c; ch++) {
                    float v = (float) (random.nextBoolean() ? eps : -eps);
                    for (int row = top; row < top + s; row++) {
                        for (int col = left; col < left + s; col++) {
                            int k = (ch * h + row) * w + col;
                            next[k] = Math.min(upper, Math.max(lower, x[k] + v));
                            differs |= Math.abs(next[k] - cur[k]) > 1e-7f;
                        }
                    }
                }
                if (differs) {
                    break;
                }
            }
            return next;
        }

        /** The reference grid start: pseudo-Gaussian squares of side {@code h / 5} with random signs. */
        private float[] gaussianGrid(SplittableRandom rng) {
            float[] d = new float[c * h * w];
            int s = Math.max(1, h / 5);
            int start = Math.max(0, (h - s * 5) / 2);
            for (int row0 = start; row0 + s <= h; row0 += s) {
                for (int col0 = start; col0 + s <= w; col0 += s) {
                    double[][] bump = pseudoGaussian(s, s);
                    for (int ch = 0; ch < c; ch++) {
                        double sign = rng.nextBoolean() ? 1 : -1;
                        for (int r = 0; r < s; r++) {
                            for (int q = 0; q < s; q++) {
                                d[(ch * h + row0 + r) * w + col0 + q] += (float) (sign * bump[r][q]);
                            }
                        }
                    }
                }
            }
            return scaleTo(d, eps);
        }

        private float[] l2Proposal(int i, int s, int top, int left, int top2, int left2) {
            SplittableRandom rng = this.rng[i];
            float[] x = clean[i];
            float[] delta = new float[x.length];
            for (int k = 0; k < x.length; k++) {
                delta[k] = best[i][k] - x[k];
            }
            double imageNorm2 = 0;
            for (float v : delta) {
                imageNorm2 += v * v;
            }
            double[][] shape = metaPseudoGaussian(s, rng);
            float[] next = delta.clone();
            for (int ch = 0; ch < c; ch++) {
                double window1 = 0;
                double union = 0;
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) {
                        boolean in1 = row >= top && row < top + s && col >= left && col < left + s;
                        boolean in2 = row >= top2 && row < top2 + s && col >= left2 && col < left2 + s;
                        double v = delta[(ch * h + row) * w + col];
                        window1 += in1 ? v * v : 0;
                        union += in1 || in2 ? v * v : 0;
                    }
                }
                double w1 = Math.sqrt(window1);
                double sign = rng.nextBoolean() ? 1 : -1;
                double[][] update = new double[s][s];
                double un = 0;
                for (int r = 0; r < s; r++) {
                    for (int q = 0; q < s; q++) {
                        update[r][q] = sign * shape[r][q] + delta[(ch * h + top + r) * w + left + q] / (1e-10 + w1);
                        un += update[r][q] * update[r][q];
                    }
                }
                double target = Math.sqrt(Math.max(eps * eps - imageNorm2, 0) / c + union);
                double f = target / Math.max(Math.sqrt(un), 1e-12);
                for (int row = top2; row < top2 + s; row++) {
                    for (int col = left2; col < left2 + s; col++) {
                        next[(ch * h + row) * w + col] = 0;
                    }
                }
                for (int r = 0; r < s; r++) {
                    for (int q = 0; q < s; q++) {
                        next[(ch * h + top + r) * w + left + q] = (float) (update[r][q] * f);
                    }
                }
            }
            return apply(x, scaleTo(next, eps));
        }

        /** Two pseudo-Gaussian halves of opposite sign, unit norm, randomly transposed. */
        private static double[][] metaPseudoGaussian(int s, SplittableRandom rng) {
            double[][] d = new double[s][s];
            double[][] a = pseudoGaussian(s / 2, s);
            double[][] b = pseudoGaussian(s - s / 2, s);
            for (int r = 0; r < s / 2; r++) {
                d[r] = a[r].clone();
            }
            for (int r = 0; r < s - s / 2; r++) {
                for (int q = 0; q < s; q++) {
                    d[s / 2 + r][q] = -b[r][q];
                }
            }
            normalise(d);
            if (rng.nextBoolean()) {
                double[][] t = new double[s][s];
                for (int r = 0; r < s; r++) {
                    for (int q = 0; q < s; q++) {
                        t[q][r] = d[r][q];
                    }
                }
                d = t;
            }
            return d;
        }

        /** Concentric rectangles weighted {@code 1 / (k + 1)^2}, unit norm (the reference construction). */
        private static double[][] pseudoGaussian(int rows, int cols) {
            double[][] d = new double[rows][cols];
            if (rows == 0) {
                return d;
            }
            int rc = rows / 2 + 1;
            int cc = cols / 2 + 1;
            int r0 = rc - 1;
            int c0 = cc - 1;
            for (int k = 0; k < Math.max(rc, cc); k++) {
                for (int r = Math.max(r0, 0); r < Math.min(r0 + 2 * k + 1, rows); r++) {
                    for (int q = Math.max(c0, 0); q < Math.min(c0 + 2 * k + 1, cols); q++) {
                        d[r][q] += 1.0 / ((k + 1) * (k + 1));
                    }
                }
                r0--;
                c0--;
            }
            normalise(d);
            return d;
        }

        private static void normalise(double[][] d) {
            double s = 0;
            for (double[] row : d) {
                for (double v : row) {
                    s += v * v;
                }
            }
            double norm = Math.sqrt(s);
            if (norm == 0) {
                return;
            }
            for (double[] row : d) {
                for (int q = 0; q < row.length; q++) {
                    row[q] /= norm;
                }
            }
        }

        private static float[] scaleTo(float[] d, double eps) {
            double s = 0;
            for (float v : d) {
                s += v * v;
            }
            double f = s == 0 ? 0 : eps / Math.sqrt(s);
            for (int k = 0; k < d.length; k++) {
                d[k] *= (float) f;
            }
            return d;
        }
    }
}
