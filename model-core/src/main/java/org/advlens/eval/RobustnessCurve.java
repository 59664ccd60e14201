package org.advlens.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * Accuracy versus epsilon for one or more attacks over a labelled data set. Points are streamed to a
 * listener as each completes (attack by attack, epsilon by epsilon), so a chart can fill while the job runs.
 * Epsilon 0 equals the clean accuracy by construction. Gradient-masking checks run at the end. Random choices
 * of the attacks are seeded per example by the data-set index ({@link org.advlens.attack.ExampleSeeds}), so the
 * result does not depend on the batch size.
 */
public final class RobustnessCurve implements Job<CurveResult> {

    private final Classifier model;
    private final LabelledDataset data;
    private final CurveSpec spec;
    private final Consumer<CurvePoint> onPoint;

    /**
     * @param onPoint called on the worker thread with each completed point; use {@code p -> { }} to ignore
     */
    public RobustnessCurve(Classifier model, LabelledDataset data, CurveSpec spec, Consumer<CurvePoint> onPoint) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("the data set '" + data.name() + "' is empty");
        }
        if (data.images().channels() != model.inputSpec().channels()
                || data.images().height() != model.inputSpec().height()
                || data.images().width() != model.inputSpec().width()) {
            throw new IllegalArgumentException("the data set's images are " + data.images().channels() + "x"
                    + data.images().height() + "x" + data.images().width() + " but the model expects "
                    + model.inputSpec());
        }
        this.model = model;
        this.data = data;
        this.spec = spec;
        this.onPoint = onPoint;
    }

    @Override
    public CurveResult run(ProgressListener progress, CancellationToken cancellation) {
        double[] eps = spec.epsilons();
        int n = data.size();
        int batches = (n + spec.batchSize() - 1) / spec.batchSize();
        int nonZero = (int) java.util.Arrays.stream(eps).filter(e -> e > 0).count();
        double totalUnits = batches * (1.0 + spec.attacks().size() * nonZero);
        double done = 0;

        boolean[] cleanCorrect = new boolean[n];
        int zeroGradient = 0;
        for (int b = 0; b < batches; b++) {
            cancellation.throwIfCancelled();
            Batch batch = batch(b);
            boolean[] correct = CurveSteps.cleanCorrect(model, batch.x, batch.labels);
            System.arraycopy(correct, 0, cleanCorrect, batch.from, correct.length);
            if (b == 0) {
                zeroGradient = CurveSteps.zeroGradients(model, batch.x, batch.labels);
            }
            progress.onProgress(++done / totalUnits, "clean accuracy: batch " + (b + 1) + "/" + batches);
        }

        List<AttackCurve> curves = new ArrayList<>();
        for (CurveSpec.Entry entry : spec.attacks()) {
            FixedEpsilonAttack attack = Attacks.byName(entry.attack());
            List<CurvePoint> points = new ArrayList<>();
            for (double e : eps) {
                CurvePoint point;
                if (e == 0) {
                    point = CurveSteps.cleanPoint(attack.name(), cleanCorrect);
                } else {
                    point = attackPoint(attack, entry.params(), e, cleanCorrect, cancellation, progress, done,
                            totalUnits, batches);
                    done += batches;
                }
                points.add(point);
                onPoint.accept(point);
            }
            curves.add(new AttackCurve(attack.name(), entry.params(), points));
        }
        CurveResult result = CurveSteps.result(model, data.name(), data.source(), cleanCorrect, curves, zeroGradient,
                Math.min(n, spec.batchSize()), Instant.now());
        progress.onProgress(1, "done");
        return result;
    }

    private CurvePoint attackPoint(FixedEpsilonAttack attack, AttackParams params, double eps, boolean[] cleanCorrect,
                                   CancellationToken cancellation, ProgressListener progress, double done,
                                   double totalUnits, int batches) {
        List<PointExamples> slices = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            cancellation.throwIfCancelled();
            Batch batch = batch(b);
            slices.add(CurveSteps.attack(attack, params, eps, model, batch.x, batch.labels, batch.from, cancellation));
            progress.onProgress((done + b + 1) / totalUnits,
                    attack.name() + " eps=" + eps + ": batch " + (b + 1) + "/" + batches);
        }
        return CurveSteps.point(attack.name(), eps, params, data.labels(), cleanCorrect,
                PointExamples.concat(slices, data.size()));
    }

    private Batch batch(int b) {
        int from = b * spec.batchSize();
        int to = Math.min(data.size(), from + spec.batchSize());
        Images imgs = data.images().slice(from, to);
        int[] labels = java.util.Arrays.copyOfRange(data.labels(), from, to);
        return new Batch(from, imgs, labels);
    }

    private record Batch(int from, Images x, int[] labels) {
    }
}
