package org.advlens.defence;

import java.time.Instant;
import java.util.Arrays;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Evaluates a {@link Defence} the way Carlini et al. ("On Evaluating Adversarial Robustness", 2019) and Tramèr et
 * al. (NeurIPS 2020) ask: against the plain attack and against an adaptive one. Over a data set, at one budget:
 * <ul>
 *   <li>clean accuracy of the undefended model, of the defence as a classifier wrapper and of the guarded
 *       classifier;</li>
 *   <li>the detector's threshold at the requested false-positive rate on the clean images;</li>
 *   <li>the detection rate against PGD on the undefended model (the attack the detector was designed against) and
 *       against the defence's adaptive attack;</li>
 *   <li>the wrapper's robust accuracy under PGD with its true gradient and under BPDA-PGD (Athalye, Carlini and
 *       Wagner, ICML 2018).</li>
 * </ul>
 * Every attack runs through {@link AttackRunner}, which re-projects, re-clips and re-measures what it returns. The
 * threshold is chosen on the same clean images the attacks start from.
 */
public final class DefenceEvaluation implements Job<DefenceReport> {

    /**
     * @param norm the threat model
     * @param epsilon the budget, in pixel units
     * @param falsePositiveRate the detector's false-positive rate on clean images, in (0, 1)
     * @param steps steps of PGD and of the adaptive attack
     * @param restarts restarts of both
     * @param batchSize images per batch
     * @param seed seed of every random start
     */
    public record Options(Norm norm, double epsilon, double falsePositiveRate, int steps, int restarts, int batchSize,
                          long seed) {
        public Options {
            if (norm == null) {
                throw new IllegalArgumentException("norm must not be null");
            }
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be positive and finite, got " + epsilon);
            }
            if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
                throw new IllegalArgumentException("false-positive rate must be in (0, 1), got " + falsePositiveRate);
            }
            if (steps < 1 || steps > 10_000) {
                throw new IllegalArgumentException("steps must be in [1, 10000], got " + steps);
            }
            if (restarts < 1 || restarts > 100) {
                throw new IllegalArgumentException("restarts must be in [1, 100], got " + restarts);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batch size must be in [1, 10000], got " + batchSize);
            }
        }

        /** L-inf, 5 % false positives, 40 steps, one restart, batch 100, seed 0. */
        public static Options of(double epsilon) {
            return new Options(Norm.LINF, epsilon, DetectionThreshold.DEFAULT_FPR, 40, 1, 100, 0L);
        }

        public Options withFalsePositiveRate(double fpr) {
            return new Options(norm, epsilon, fpr, steps, restarts, batchSize, seed);
        }

        public Options withSteps(int s) {
            return new Options(norm, epsilon, falsePositiveRate, s, restarts, batchSize, seed);
        }

        public Options withSeed(long s) {
            return new Options(norm, epsilon, falsePositiveRate, steps, restarts, batchSize, s);
        }

        AttackParams attackParams() {
            return AttackParams.defaults().withNorm(norm).withSteps(steps).withRestarts(restarts).withSeed(seed);
        }
    }

    private final Defence defence;
    private final LabelledDataset data;
    private final Options options;

    public DefenceEvaluation(Defence defence, LabelledDataset data, Options options) {
        if (defence == null || data == null || options == null) {
            throw new IllegalArgumentException("defence, data and options are required");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set '" + data.name() + "' is empty");
        }
        this.defence = defence;
        this.data = data;
        this.options = options;
    }

    @Override
    public DefenceReport run(ProgressListener progress, CancellationToken cancellation) {
        int n = data.size();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        double units = batches * 5.0;
        double done = 0;
        AttackParams params = options.attackParams();
        double[] eps = {options.epsilon()};
        FixedEpsilonAttack pgd = new ProjectedGradientDescent();
        FixedEpsilonAttack adaptive = defence.adaptiveAttack();
        Classifier exact = defence.classifier(GradientMode.EXACT);
        Classifier bpda = defence.classifier(GradientMode.BPDA);
        Classifier guarded = defence.guarded();

        boolean[] clean = new boolean[n];
        boolean[] defended = new boolean[n];
        boolean[] guardedClean = new boolean[n];
        double[] cleanScores = new double[n];
        Fooling plain = new Fooling(n);
        Fooling adapted = new Fooling(n);
        boolean[] wrapperPgd = new boolean[n];
        boolean[] wrapperBpda = new boolean[n];
        for (int b = 0; b < batches; b++) {
            int from = b * options.batchSize();
            int to = Math.min(n, from + options.batchSize());
            INDArray x = data.images().slice(from, to).toArray();
            int[] y = Arrays.copyOfRange(data.labels(), from, to);
            String batch = " (batch " + (b + 1) + "/" + batches + ")";

            cancellation.throwIfCancelled();
            mark(defence.model().predict(x), y, clean, from);
            mark(exact.predict(x), y, defended, from);
            mark(guarded.predict(x), y, guardedClean, from);
            System.arraycopy(defence.scores(x), 0, cleanScores, from, to - from);
            progress.onProgress(++done / units, "clean images" + batch);

            AttackOutcome p = AttackRunner.run(pgd, defence.model(), x, y, eps, params, cancellation).get(0);
            plain.record(from, guarded, p, y, defence);
            progress.onProgress(++done / units, "PGD on the undefended model" + batch);

            AttackOutcome a = AttackRunner.run(adaptive, guarded, x, y, eps, params, cancellation).get(0);
            adapted.record(from, guarded, a, y, defence);
            progress.onProgress(++done / units, adaptive.name() + batch);

            mark(AttackRunner.run(pgd, exact, x, y, eps, params, cancellation).get(0).predictions(), y, wrapperPgd,
                    from);
            progress.onProgress(++done / units, "PGD on the wrapper, exact gradient" + batch);
            mark(AttackRunner.run(pgd, bpda, x, y, eps, params, cancellation).get(0).predictions(), y, wrapperBpda,
                    from);
            progress.onProgress(++done / units, "PGD on the wrapper, BPDA gradient" + batch);
        }
        DetectionThreshold threshold = DetectionThreshold.atFalsePositiveRate(cleanScores, options.falsePositiveRate());
        progress.onProgress(1, "done");
        return new DefenceReport(defence.name(), defence.description(), defence.model().info(), data.name(), n,
                options, fraction(clean), fraction(defended), fraction(guardedClean), threshold,
                plain.summary(pgd.name(), guardedClean, threshold), adapted.summary(adaptive.name(), guardedClean,
                threshold), fraction(wrapperPgd), fraction(wrapperBpda), Instant.now());
    }

    private static void mark(int[] predictions, int[] labels, boolean[] into, int from) {
        for (int i = 0; i < predictions.length; i++) {
            into[from + i] = predictions[i] == labels[i];
        }
    }

    private static double fraction(boolean[] v) {
        int c = 0;
        for (boolean b : v) {
            c += b ? 1 : 0;
        }
        return v.length == 0 ? 0 : (double) c / v.length;
    }

    /** Per image: whether the adversarial example fools the guarded classifier, and its detector score. */
    private static final class Fooling {
        private final boolean[] fooled;
        private final double[] scores;

        Fooling(int n) {
            fooled = new boolean[n];
            scores = new double[n];
        }

        void record(int from, Classifier guarded, AttackOutcome o, int[] labels, Defence defence) {
            INDArray adv = o.adversarial().toArray();
            int[] pred = guarded.predict(adv);
            double[] s = defence.scores(adv);
            for (int i = 0; i < pred.length; i++) {
                fooled[from + i] = pred[i] != labels[i];
                scores[from + i] = s[i];
            }
        }

        DefenceReport.Detection summary(String attack, boolean[] eligible, DetectionThreshold t) {
            int count = 0;
            int success = 0;
            int detected = 0;
            for (int i = 0; i < fooled.length; i++) {
                if (!eligible[i]) {
                    continue;
                }
                count++;
                if (fooled[i]) {
                    success++;
                    detected += t.flags(scores[i]) ? 1 : 0;
                }
            }
            return new DefenceReport.Detection(attack, count, count == 0 ? 0 : (double) success / count,
                    success == 0 ? 0 : (double) detected / success,
                    count == 0 ? 0 : (double) (success - detected) / count);
        }
    }
}
