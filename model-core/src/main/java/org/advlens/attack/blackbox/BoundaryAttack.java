package org.advlens.attack.blackbox;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.advlens.attack.AttackInputs;
import org.advlens.attack.BatchRows;
import org.advlens.attack.DistanceMeasure;
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
 * The Boundary attack, a decision-based attack that sees only the predicted class: start from an adversarial
 * point, then walk along the decision boundary towards the clean input by random steps on the sphere around it
 * followed by a small step towards it, keeping a proposal when it is still adversarial and closer. Brendel, Rauber
 * and Bethge, "Decision-Based Adversarial Attacks: Reliable Attacks Against Black-Box Machine Learning Models",
 * ICLR 2018.
 *
 * <p>Untargeted, the start is uniform noise blended into the clean input as little as a bisection allows; a
 * targeted run starts from an input of the same batch that the model assigns to the target (examples without one
 * fail). The spherical step {@code delta} and the source step {@code epsilon} (both relative to the current
 * distance, by default both starting at 0.01) adapt by a factor (1.5 by default): both grow when more than half
 * of the recent spherical proposals stay adversarial and shrink below a fifth, and the source step grows when more
 * than a quarter of the recent proposals succeed and shrinks below a tenth (the reference settings).
 *
 * <p>Its hyperparameters (query budget, starting step sizes, adaptation factor, random starting draws) are
 * {@link Options}; of the shared {@link MinimizationParams} it uses {@code targetClass} and {@code seed}, and the
 * norm must be L2.
 */
public final class BoundaryAttack implements MinimizationAttack {

    private static final int WINDOW = 30;
    private static final int SPHERICAL_EVERY = 10;
    private static final int INIT_BISECTION = 12;

    private final Options options;

    /** The attack with {@link Options#defaults()}. */
    public BoundaryAttack() {
        this(Options.defaults());
    }

    public BoundaryAttack(Options options) {
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
        return "boundary";
    }

    @Override
    public String displayName() {
        return "Boundary attack (Brendel et al. 2018)";
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
            throw new IllegalArgumentException("the Boundary attack minimises the L2 norm; got norm "
                    + params.norm().label());
        }
        Walk walk = new Walk(model, x, labels, params, options, new SplittableRandom(params.seed()));
        walk.start(cancellation);
        for (int q = 0; q < options.steps(); q++) {
            cancellation.throwIfCancelled();
            if (!walk.step(q)) {
                break;
            }
        }
        return MinimizationCandidates.of(Nd4j.createFromArray(walk.best).reshape('c', x.shape()));
    }

    /** The state of every example's walk. */
    private static final class Walk {
        private final Classifier model;
        private final int[] labels;
        private final MinimizationParams params;
        private final Options options;
        private final SplittableRandom rng;
        private final long[] shape;
        private final int n;
        private final int d;
        private final float lower;
        private final float upper;
        private final float[][] clean;
        final float[][] best;
        private final boolean[] adversarial;
        private final double[] spherical;
        private final double[] source;
        private final boolean[][] stepStats;
        private final boolean[][] sphericalStats;
        private final int[] stepCount;
        private final int[] sphericalCount;

        Walk(Classifier model, INDArray x, int[] labels, MinimizationParams params, Options options,
             SplittableRandom rng) {
            this.model = model;
            this.labels = labels;
            this.params = params;
            this.options = options;
            this.rng = rng;
            this.shape = x.shape();
            this.n = labels.length;
            this.clean = Logits.rows(x.castTo(DataType.FLOAT).reshape('c', n, -1));
            this.d = clean[0].length;
            this.lower = (float) model.inputSpec().lower();
            this.upper = (float) model.inputSpec().upper();
            this.best = new float[n][];
            for (int i = 0; i < n; i++) {
                best[i] = clean[i].clone();
            }
            this.adversarial = new boolean[n];
            this.spherical = new double[n];
            this.source = new double[n];
            Arrays.fill(spherical, options.sphericalStep());
            Arrays.fill(source, options.sourceStep());
            this.stepStats = new boolean[n][WINDOW];
            this.sphericalStats = new boolean[n][SPHERICAL_EVERY];
            this.stepCount = new int[n];
            this.sphericalCount = new int[n];
        }

        /** Finds an adversarial start for every example that has one, as close as a bisection allows. */
        void start(CancellationToken cancellation) {
            float[][] origin = new float[n][];
            if (params.targeted()) {
                int[] pred = model.predict(batch(clean));
                int source = -1;
                for (int i = 0; i < n && source < 0; i++) {
                    source = pred[i] == params.targetClass() ? i : -1;
                }
                if (source < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    origin[i] = clean[source].clone();
                }
                Arrays.fill(adversarial, true);
            } else {
                for (int draw = 0; draw < options.initDraws(); draw++) {
                    cancellation.throwIfCancelled();
                    int[] idx = missing();
                    if (idx.length == 0) {
                        break;
                    }
                    float[][] noise = new float[idx.length][d];
                    for (float[] row : noise) {
                        for (int p = 0; p < d; p++) {
                            row[p] = (float) (lower + (upper - lower) * rng.nextDouble());
                        }
                    }
                    boolean[] ok = isAdversarial(noise, idx);
                    for (int j = 0; j < idx.length; j++) {
                        if (ok[j]) {
                            origin[idx[j]] = noise[j];
                            adversarial[idx[j]] = true;
                        }
                    }
                }
            }
            // bisection on the blend factor t of (1 - t) x + t origin: the smallest adversarial t
            int[] idx = found();
            double[] lo = new double[n];
            double[] hi = new double[n];
            Arrays.fill(hi, 1);
            for (int s = 0; s < INIT_BISECTION && idx.length > 0; s++) {
                cancellation.throwIfCancelled();
                float[][] mid = new float[idx.length][];
                for (int j = 0; j < idx.length; j++) {
                    int i = idx[j];
                    mid[j] = blend(clean[i], origin[i], (lo[i] + hi[i]) / 2);
                }
                boolean[] ok = isAdversarial(mid, idx);
                for (int j = 0; j < idx.length; j++) {
                    int i = idx[j];
                    double t = (lo[i] + hi[i]) / 2;
                    if (ok[j]) {
                        hi[i] = t;
                    } else {
                        lo[i] = t;
                    }
                }
            }
            for (int i : idx) {
                best[i] = blend(clean[i], origin[i], hi[i]);
            }
        }

        /** One proposal for every adversarial example; returns false when there is nothing left to walk. */
        boolean step(int q) {
            int[] idx = found();
            if (idx.length == 0) {
                return false;
            }
            boolean checkSpherical = q % SPHERICAL_EVERY == 0;
            float[][] candidates = new float[idx.length][];
            float[][] sphericals = new float[idx.length][];
            double[] distance = new double[idx.length];
            for (int j = 0; j < idx.length; j++) {
                int i = idx[j];
                double[] towards = new double[d];
                double dist = 0;
                for (int p = 0; p < d; p++) {
                    towards[p] = best[i][p] - clean[i][p];
                    dist += towards[p] * towards[p];
                }
                dist = Math.sqrt(dist);
                distance[j] = dist;
                double[] eta = new double[d];
                double along = 0;
                for (int p = 0; p < d; p++) {
                    eta[p] = rng.nextGaussian();
                    along += eta[p] * towards[p] / dist;
                }
                double etaNorm = 0;
                for (int p = 0; p < d; p++) {
                    eta[p] -= along * towards[p] / dist;
                    etaNorm += eta[p] * eta[p];
                }
                etaNorm = Math.sqrt(etaNorm);
                double[] moved = new double[d];
                double movedNorm = 0;
                for (int p = 0; p < d; p++) {
                    moved[p] = towards[p] + eta[p] * spherical[i] * dist / etaNorm;
                    movedNorm += moved[p] * moved[p];
                }
                movedNorm = Math.sqrt(movedNorm);
                float[] sph = new float[d];
                for (int p = 0; p < d; p++) {
                    sph[p] = clip(clean[i][p] + moved[p] * dist / movedNorm);
                }
                double back = 0;
                for (int p = 0; p < d; p++) {
                    double v = clean[i][p] - sph[p];
                    back += v * v;
                }
                back = Math.sqrt(back);
                float[] cand = new float[d];
                for (int p = 0; p < d; p++) {
                    cand[p] = clip(sph[p] + source[i] * dist * (clean[i][p] - sph[p]) / back);
                }
                candidates[j] = cand;
                sphericals[j] = sph;
            }
            boolean[] ok = isAdversarial(candidates, idx);
            boolean[] sphOk = checkSpherical ? isAdversarial(sphericals, idx) : null;
            double adapt = options.stepAdaptation();
            for (int j = 0; j < idx.length; j++) {
                int i = idx[j];
                if (ok[j] && l2(candidates[j], clean[i]) < distance[j]) {
                    best[i] = candidates[j];
                }
                stepStats[i][stepCount[i]++ % WINDOW] = ok[j];
                if (stepCount[i] % WINDOW == 0) {
                    double rate = rate(stepStats[i]);
                    source[i] *= rate > 0.25 ? adapt : rate < 0.1 ? 1 / adapt : 1;
                }
                if (checkSpherical) {
                    sphericalStats[i][sphericalCount[i]++ % SPHERICAL_EVERY] = sphOk[j];
                    if (sphericalCount[i] % SPHERICAL_EVERY == 0) {
                        double rate = rate(sphericalStats[i]);
                        double f = rate > 0.5 ? adapt : rate < 0.2 ? 1 / adapt : 1;
                        spherical[i] *= f;
                        source[i] *= f;
                    }
                }
            }
            return true;
        }

        private int[] found() {
            return BatchRows.where(adversarial, true);
        }

        private int[] missing() {
            return BatchRows.where(adversarial, false);
        }

        private boolean[] isAdversarial(float[][] points, int[] idx) {
            int[] pred = model.predict(batch(points));
            boolean[] ok = new boolean[idx.length];
            for (int j = 0; j < idx.length; j++) {
                ok[j] = params.targeted() ? pred[j] == params.targetClass() : pred[j] != labels[idx[j]];
            }
            return ok;
        }

        private INDArray batch(float[][] points) {
            long[] s = shape.clone();
            s[0] = points.length;
            return Nd4j.createFromArray(points).reshape('c', s);
        }

        private float clip(double v) {
            return (float) Math.min(upper, Math.max(lower, v));
        }

        private static float[] blend(float[] a, float[] b, double t) {
            float[] out = new float[a.length];
            for (int p = 0; p < a.length; p++) {
                out[p] = (float) ((1 - t) * a[p] + t * b[p]);
            }
            return out;
        }

        private static double l2(float[] a, float[] b) {
            double s = 0;
            for (int p = 0; p < a.length; p++) {
                double v = a[p] - b[p];
                s += v * v;
            }
            return Math.sqrt(s);
        }

        private static double rate(boolean[] stats) {
            int c = 0;
            for (boolean b : stats) {
                c += b ? 1 : 0;
            }
            return (double) c / stats.length;
        }
    }

    /**
     * The Boundary attack's hyperparameters (Foolbox 3's names: {@code steps}, {@code spherical_step},
     * {@code source_step}, {@code step_adaptation}).
     *
     * @param steps the query budget per example after the start, in [1, 100000]
     * @param sphericalStep the first spherical step, relative to the current distance, in (0, 1)
     * @param sourceStep the first step towards the clean input, relative to the current distance, in (0, 1)
     * @param stepAdaptation the factor both steps grow or shrink by, {@code > 1}
     * @param initDraws how many uniform-noise draws an untargeted run tries for its adversarial start, in
     *                  [1, 10000]
     */
    public record Options(int steps, double sphericalStep, double sourceStep, double stepAdaptation, int initDraws) {

        public Options {
            OptionChecks.checkSteps(steps);
            if (!(sphericalStep > 0 && sphericalStep < 1)) {
                throw new IllegalArgumentException("spherical step must be in (0, 1), got " + sphericalStep);
            }
            if (!(sourceStep > 0 && sourceStep < 1)) {
                throw new IllegalArgumentException("source step must be in (0, 1), got " + sourceStep);
            }
            if (!(stepAdaptation > 1) || !Double.isFinite(stepAdaptation)) {
                throw new IllegalArgumentException("step adaptation must be > 1, got " + stepAdaptation);
            }
            if (initDraws < 1 || initDraws > 10_000) {
                throw new IllegalArgumentException("init draws must be in [1, 10000], got " + initDraws);
            }
        }

        /** 2000 queries, both steps 0.01, adaptation 1.5 (the reference settings), 50 starting draws. */
        public static Options defaults() {
            return new Options(2000, 0.01, 0.01, 1.5, 50);
        }

        /** The options named in {@code values} ({@link #parameters()}'s names), the defaults for the others. */
        public static Options from(OptionValues values) {
            Options d = defaults();
            return new Options(values.whole("steps", d.steps), values.real("spherical-step", d.sphericalStep),
                    values.real("source-step", d.sourceStep), values.real("step-adaptation", d.stepAdaptation),
                    values.whole("init-draws", d.initDraws));
        }

        /** The options by name, in a fixed order. */
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("spherical-step", sphericalStep);
            m.put("source-step", sourceStep);
            m.put("step-adaptation", stepAdaptation);
            m.put("init-draws", initDraws);
            return Collections.unmodifiableMap(m);
        }

        public Options withSteps(int v) {
            return new Options(v, sphericalStep, sourceStep, stepAdaptation, initDraws);
        }

        public Options withSphericalStep(double v) {
            return new Options(steps, v, sourceStep, stepAdaptation, initDraws);
        }

        public Options withSourceStep(double v) {
            return new Options(steps, sphericalStep, v, stepAdaptation, initDraws);
        }

        public Options withStepAdaptation(double v) {
            return new Options(steps, sphericalStep, sourceStep, v, initDraws);
        }

        public Options withInitDraws(int v) {
            return new Options(steps, sphericalStep, sourceStep, stepAdaptation, v);
        }
    }
}
