package org.advlens.eval;

import java.time.Instant;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.ModelInfo;
import org.advlens.data.Images;

/**
 * The steps a robustness curve is made of, on plain {@link Images} (so callers need no ND4J), shared by the local {@link RobustnessCurve} and distributed runners so
 * that both compute the same thing: clean correctness of a batch, one attack at one epsilon on a batch (seeded per
 * example by data-set index, so the result does not depend on the batching), a point aggregated from per-example
 * outcomes in data-set order, and the finished result with its gradient-masking checks.
 */
public final class CurveSteps {

    private CurveSteps() {
    }

    /** Per example of the batch: the model's prediction equals the label. */
    public static boolean[] cleanCorrect(Classifier model, Images x, int[] labels) {
        int[] pred = model.predict(x.toArray());
        boolean[] correct = new boolean[pred.length];
        for (int i = 0; i < pred.length; i++) {
            correct[i] = pred[i] == labels[i];
        }
        return correct;
    }

    /** How many examples of the batch have an all-zero or non-finite loss gradient (a gradient-masking sign). */
    public static int zeroGradients(Classifier model, Images x, int[] labels) {
        return GradientHealth.countZeroOrNonFinite(model.lossGradient(x.toArray(), labels));
    }

    /**
     * One attack at one epsilon on a batch whose first example has data-set index {@code from}, verified by
     * {@link AttackRunner}.
     */
    public static PointExamples attack(FixedEpsilonAttack attack, AttackParams params, double epsilon,
                                       Classifier model, Images x, int[] labels, int from,
                                       CancellationToken cancellation) {
        return PointExamples.of(AttackRunner.run(attack, model, x.toArray(), labels, from, new double[] {epsilon}, params,
                cancellation).get(0), from);
    }

    /**
     * The curve point of per-example outcomes over the whole data set: accuracy over all examples; success rate over
     * the examples the attack could change (correct without attack, or, targeted, whose label is not the target);
     * mean norms summed in data-set order.
     */
    public static CurvePoint point(String attack, double epsilon, AttackParams params, int[] labels,
                                   boolean[] cleanCorrect, PointExamples all) {
        int n = labels.length;
        if (all.from() != 0 || all.size() != n || cleanCorrect.length != n) {
            throw new IllegalArgumentException("a point needs outcomes for all " + n + " examples, got "
                    + all.size() + " from index " + all.from() + " and " + cleanCorrect.length + " clean results");
        }
        boolean[] correct = all.correct();
        boolean[] success = all.success();
        double[] l2 = all.l2();
        double[] linf = all.linf();
        double sumL2 = 0;
        double sumLinf = 0;
        int successes = 0;
        int eligible = 0;
        for (int i = 0; i < n; i++) {
            sumL2 += l2[i];
            sumLinf += linf[i];
            boolean counts = params.targeted() ? labels[i] != params.targetClass() : cleanCorrect[i];
            if (counts) {
                eligible++;
                successes += success[i] ? 1 : 0;
            }
        }
        return new CurvePoint(attack, epsilon, fraction(correct), eligible == 0 ? 0 : (double) successes / eligible,
                sumL2 / n, sumLinf / n, correct);
    }

    /** The epsilon-0 point: the clean accuracy, no perturbation. */
    public static CurvePoint cleanPoint(String attack, boolean[] cleanCorrect) {
        return new CurvePoint(attack, 0, fraction(cleanCorrect), 0, 0, 0, cleanCorrect);
    }

    /**
     * The finished result, with the gradient-masking checks run on the curves.
     *
     * @param zeroGradient examples of the first batch with a zero or non-finite gradient
     * @param gradientSample the size of that batch
     */
    public static CurveResult result(Classifier model, String dataName, String dataSource, boolean[] cleanCorrect,
                                     List<AttackCurve> curves, int zeroGradient, int gradientSample,
                                     Instant created) {
        int imageSize = model.inputSpec().channels() * model.inputSpec().height() * model.inputSpec().width();
        List<MaskingFlag> flags = MaskingChecks.check(curves, model, imageSize, zeroGradient, gradientSample);
        return new CurveResult(model.info(), dataName, dataSource, cleanCorrect.length, fraction(cleanCorrect),
                cleanCorrect, curves, flags, created);
    }

    static double fraction(boolean[] v) {
        int c = 0;
        for (boolean b : v) {
            c += b ? 1 : 0;
        }
        return v.length == 0 ? 0 : (double) c / v.length;
    }
}
