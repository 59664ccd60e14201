package org.advlens.attack.minimization;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
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
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The box-constrained L-BFGS attack that first showed adversarial examples: minimise
 * {@code ||x' - x||_2^2 + c * CE(z(x'), t)} subject to {@code x'} in the input box, with a search over {@code c}
 * for the smallest constant whose minimiser reaches the target. Szegedy, Zaremba, Sutskever, Bruna, Erhan,
 * Goodfellow and Fergus, "Intriguing properties of neural networks", ICLR 2014.
 *
 * <p>The optimiser is a projected L-BFGS: the two-loop recursion over the last {@value #MEMORY} steps gives the
 * direction, values held at a bound by the gradient are frozen, and a backtracking (Armijo) line search along the
 * projected path picks the step. The constant starts at {@code initialConstant} and grows tenfold until the target
 * is reached, then is bisected (as Foolbox does). Untargeted, each example aims at its highest-scoring wrong class
 * at the clean input. The smallest successful perturbation over all constants is kept.
 *
 * <p>Its hyperparameters are {@link Options}; of the shared {@link MinimizationParams} it uses
 * {@code targetClass}, and the norm must be L2.
 */
public final class BoxConstrainedLbfgs implements MinimizationAttack {

    static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int BACKTRACKS = 12;
    private static final double NO_UPPER = 1e10;

    private final Options options;

    /** The attack with {@link Options#defaults()}. */
    public BoxConstrainedLbfgs() {
        this(Options.defaults());
    }

    public BoxConstrainedLbfgs(Options options) {
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
        return "lbfgs";
    }

    @Override
    public String displayName() {
        return "L-BFGS box-constrained (Szegedy et al. 2014)";
    }

    @Override
    public DistanceMeasure measure(MinimizationParams params) {
        return DistanceMeasure.L2;
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
        if (params.norm() != Norm.L2) {
            throw new IllegalArgumentException("L-BFGS minimises the L2 norm; got norm " + params.norm().label());
        }
        int n = labels.length;
        long[] shape = x.shape();
        float[][] clean = Logits.rows(x.castTo(DataType.FLOAT).reshape('c', n, -1));
        float[][] z0 = Logits.rows(model.logits(x));
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = params.targeted() ? params.targetClass() : LogitLosses.largestOther(z0[i], labels[i]);
        }
        Problem problem = new Problem(model, clean, labels, targets, params.targeted(), shape,
                (float) model.inputSpec().lower(), (float) model.inputSpec().upper());
        double[] c = new double[n];
        Arrays.fill(c, options.initialConstant());
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, NO_UPPER);
        for (int search = 0; search < options.searchSteps(); search++) {
            boolean[] found = problem.minimise(c, options.steps(), cancellation);
            for (int i = 0; i < n; i++) {
                if (found[i]) {
                    hi[i] = Math.min(hi[i], c[i]);
                    c[i] = (lo[i] + hi[i]) / 2;
                } else {
                    lo[i] = Math.max(lo[i], c[i]);
                    c[i] = hi[i] < NO_UPPER ? (lo[i] + hi[i]) / 2 : c[i] * 10;
                }
            }
        }
        return MinimizationCandidates.of(Nd4j.createFromArray(problem.best).reshape('c', shape));
    }

    /** The objective of every example of a batch, its minimisation and the best adversarial found. */
    private static final class Problem {
        private final Classifier model;
        private final float[][] clean;
        private final int[] labels;
        private final int[] targets;
        private final boolean targeted;
        private final long[] shape;
        private final float lower;
        private final float upper;
        private final int n;
        private final int d;
        final float[][] best;
        private final double[] bestSq;

        Problem(Classifier model, float[][] clean, int[] labels, int[] targets, boolean targeted, long[] shape,
                float lower, float upper) {
            this.model = model;
            this.clean = clean;
            this.labels = labels;
            this.targets = targets;
            this.targeted = targeted;
            this.shape = shape;
            this.lower = lower;
            this.upper = upper;
            this.n = clean.length;
            this.d = clean[0].length;
            this.best = new float[n][];
            for (int i = 0; i < n; i++) {
                best[i] = clean[i].clone();
            }
            this.bestSq = new double[n];
            Arrays.fill(bestSq, Double.POSITIVE_INFINITY);
        }

        /** Runs L-BFGS on every example with its constant; returns whether each reached its goal on the way. */
        boolean[] minimise(double[] c, int steps, CancellationToken cancellation) {
            boolean[] found = new boolean[n];
            float[][] point = new float[n][];
            for (int i = 0; i < n; i++) {
                point[i] = clean[i].clone();
            }
            int[] all = java.util.stream.IntStream.range(0, n).toArray();
            double[] f = values(point, all, c, found);
            float[][] g = gradients(point, all, c);
            @SuppressWarnings("unchecked")
            ArrayDeque<float[][]>[] memory = new ArrayDeque[n];
            boolean[] done = new boolean[n];
            for (int i = 0; i < n; i++) {
                memory[i] = new ArrayDeque<>();
            }
            for (int k = 0; k < steps; k++) {
                cancellation.throwIfCancelled();
                int[] active = java.util.stream.IntStream.range(0, n).filter(i -> !done[i]).toArray();
                if (active.length == 0) {
                    break;
                }
                float[][] dir = new float[n][];
                double[] alpha = new double[n];
                double[] slope = new double[n];
                for (int i : active) {
                    dir[i] = direction(point[i], g[i], memory[i]);
                    slope[i] = dot(g[i], dir[i]);
                    if (!(slope[i] < 0)) {
                        done[i] = true;
                        continue;
                    }
                    double maxAbs = 0;
                    for (float v : dir[i]) {
                        maxAbs = Math.max(maxAbs, Math.abs(v));
                    }
                    // the first step moves no value by more than a tenth of the range
                    alpha[i] = memory[i].isEmpty() ? Math.min(1, 0.1 * (upper - lower) / maxAbs) : 1;
                }
                int[] searching = java.util.stream.IntStream.of(active).filter(i -> !done[i]).toArray();
                float[][] trial = new float[n][];
                double[] fTrial = new double[n];
                boolean[] accepted = new boolean[n];
                for (int b = 0; b < BACKTRACKS && searching.length > 0; b++) {
                    for (int i : searching) {
                        trial[i] = step(point[i], dir[i], alpha[i]);
                    }
                    double[] v = values(pick(trial, searching), searching, c, found);
                    for (int j = 0; j < searching.length; j++) {
                        int i = searching[j];
                        fTrial[i] = v[j];
                        double decrease = 0;
                        for (int p = 0; p < d; p++) {
                            decrease += (double) g[i][p] * (trial[i][p] - point[i][p]);
                        }
                        if (fTrial[i] <= f[i] + ARMIJO * decrease) {
                            accepted[i] = true;
                        } else {
                            alpha[i] /= 2;
                        }
                    }
                    searching = java.util.stream.IntStream.of(searching).filter(i -> !accepted[i]).toArray();
                }
                for (int i : searching) {
                    done[i] = true; // no decrease along the direction: converged as far as the line search can tell
                }
                int[] moved = java.util.stream.IntStream.of(active).filter(i -> accepted[i]).toArray();
                if (moved.length == 0) {
                    continue;
                }
                float[][] gNew = gradients(pick(trial, moved), moved, c);
                for (int j = 0; j < moved.length; j++) {
                    int i = moved[j];
                    float[] s = new float[d];
                    float[] y = new float[d];
                    for (int p = 0; p < d; p++) {
                        s[p] = trial[i][p] - point[i][p];
                        y[p] = gNew[j][p] - g[i][p];
                    }
                    if (dot(s, y) > 1e-12) {
                        memory[i].addLast(new float[][] {s, y});
                        if (memory[i].size() > MEMORY) {
                            memory[i].removeFirst();
                        }
                    }
                    point[i] = trial[i];
                    g[i] = gNew[j];
                    f[i] = fTrial[i];
                }
            }
            return found;
        }

        /** The projected L-BFGS direction: two-loop recursion on the free values, blocked ones frozen. */
        private float[] direction(float[] at, float[] grad, ArrayDeque<float[][]> memory) {
            boolean[] free = new boolean[d];
            double[] q = new double[d];
            for (int p = 0; p < d; p++) {
                free[p] = !(at[p] <= lower && grad[p] > 0) && !(at[p] >= upper && grad[p] < 0);
                q[p] = free[p] ? grad[p] : 0;
            }
            int m = memory.size();
            double[] a = new double[m];
            double[] rho = new double[m];
            int idx = m - 1;
            for (Iterator<float[][]> it = memory.descendingIterator(); it.hasNext(); idx--) {
                float[][] sy = it.next();
                rho[idx] = 1 / dotMasked(sy[1], sy[0], free);
                a[idx] = rho[idx] * dotMasked(sy[0], q, free);
                for (int p = 0; p < d; p++) {
                    q[p] -= free[p] ? a[idx] * sy[1][p] : 0;
                }
            }
            if (m > 0) {
                float[][] last = memory.getLast();
                double gamma = dotMasked(last[0], last[1], free) / dotMasked(last[1], last[1], free);
                if (Double.isFinite(gamma) && gamma > 0) {
                    for (int p = 0; p < d; p++) {
                        q[p] *= gamma;
                    }
                }
            }
            idx = 0;
            for (float[][] sy : memory) {
                double beta = rho[idx] * dotMasked(sy[1], q, free);
                for (int p = 0; p < d; p++) {
                    q[p] += free[p] ? (a[idx] - beta) * sy[0][p] : 0;
                }
                idx++;
            }
            float[] out = new float[d];
            boolean finite = true;
            for (int p = 0; p < d; p++) {
                out[p] = free[p] ? (float) -q[p] : 0;
                finite &= Float.isFinite(out[p]);
            }
            if (!finite || dot(grad, out) >= 0) {
                memory.clear();
                for (int p = 0; p < d; p++) {
                    out[p] = free[p] ? -grad[p] : 0;
                }
            }
            return out;
        }

        private float[] step(float[] at, float[] dir, double alpha) {
            float[] out = new float[d];
            for (int p = 0; p < d; p++) {
                out[p] = Math.min(upper, Math.max(lower, (float) (at[p] + alpha * dir[p])));
            }
            return out;
        }

        /** Objective values at {@code points} (examples {@code idx}); records successes and the best adversarial. */
        private double[] values(float[][] points, int[] idx, double[] c, boolean[] found) {
            float[][] z = Logits.rows(model.logits(batch(points)));
            double[] ce = Logits.crossEntropy(Nd4j.createFromArray(z), BatchRows.pick(targets, idx));
            double[] v = new double[idx.length];
            for (int j = 0; j < idx.length; j++) {
                int i = idx[j];
                double sq = 0;
                for (int p = 0; p < d; p++) {
                    double diff = points[j][p] - clean[i][p];
                    sq += diff * diff;
                }
                v[j] = sq + c[i] * ce[j];
                int pred = 0;
                for (int k = 1; k < z[j].length; k++) {
                    pred = z[j][k] > z[j][pred] ? k : pred;
                }
                boolean success = targeted ? pred == targets[i] : pred != labels[i];
                if (success) {
                    found[i] = true;
                    if (sq < bestSq[i]) {
                        bestSq[i] = sq;
                        best[i] = points[j].clone();
                    }
                }
            }
            return v;
        }

        /** Objective gradients {@code 2 (x' - x) + c * dCE/dx'} at {@code points}. */
        private float[][] gradients(float[][] points, int[] idx, double[] c) {
            INDArray xs = batch(points);
            float[][] z = Logits.rows(model.logits(xs));
            double[] unused = new double[idx.length];
            INDArray w = LogitLosses.crossEntropy(z, null, BatchRows.pick(targets, idx), unused).negi();
            w.muliColumnVector(BatchRows.column(BatchRows.pick(c, idx), w.dataType()));
            float[][] gce = Logits.rows(model.logitGradient(xs, w).reshape('c', idx.length, -1));
            for (int j = 0; j < idx.length; j++) {
                int i = idx[j];
                for (int p = 0; p < d; p++) {
                    gce[j][p] += 2 * (points[j][p] - clean[i][p]);
                }
            }
            return gce;
        }

        private INDArray batch(float[][] points) {
            long[] s = shape.clone();
            s[0] = points.length;
            return Nd4j.createFromArray(points).reshape('c', s);
        }

        private static float[][] pick(float[][] a, int[] idx) {
            float[][] out = new float[idx.length][];
            for (int j = 0; j < idx.length; j++) {
                out[j] = a[idx[j]];
            }
            return out;
        }

        private static double dot(float[] a, float[] b) {
            double s = 0;
            for (int p = 0; p < a.length; p++) {
                s += (double) a[p] * b[p];
            }
            return s;
        }

        private static double dotMasked(float[] a, float[] b, boolean[] free) {
            double s = 0;
            for (int p = 0; p < a.length; p++) {
                s += free[p] ? (double) a[p] * b[p] : 0;
            }
            return s;
        }

        private static double dotMasked(float[] a, double[] b, boolean[] free) {
            double s = 0;
            for (int p = 0; p < a.length; p++) {
                s += free[p] ? a[p] * b[p] : 0;
            }
            return s;
        }
    }

    /**
     * The L-BFGS attack's hyperparameters.
     *
     * @param steps L-BFGS iterations per constant, in [1, 100000]
     * @param searchSteps steps of the search over the constant c, in [1, 100]
     * @param initialConstant the first c, positive
     */
    public record Options(int steps, int searchSteps, double initialConstant) {

        public Options {
            OptionChecks.checkSteps(steps);
            OptionChecks.checkSearchSteps(searchSteps);
            OptionChecks.checkPositive("initial constant", initialConstant);
        }

        /** 50 iterations per constant, 6 constants from 0.01. */
        public static Options defaults() {
            return new Options(50, 6, 0.01);
        }

        /** The options named in {@code values} ({@link #parameters()}'s names), the defaults for the others. */
        public static Options from(OptionValues values) {
            Options d = defaults();
            return new Options(values.whole("steps", d.steps), values.whole("search-steps", d.searchSteps),
                    values.real("initial-constant", d.initialConstant));
        }

        /** The options by name, in a fixed order. */
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("search-steps", searchSteps);
            m.put("initial-constant", initialConstant);
            return Collections.unmodifiableMap(m);
        }

        public Options withSteps(int v) {
            return new Options(v, searchSteps, initialConstant);
        }

        public Options withSearchSteps(int v) {
            return new Options(steps, v, initialConstant);
        }

        public Options withInitialConstant(double v) {
            return new Options(steps, searchSteps, v);
        }
    }
}
