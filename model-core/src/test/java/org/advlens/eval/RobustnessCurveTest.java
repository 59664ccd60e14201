package org.advlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.advlens.attack.AttackParams;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.ProgressListener;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

class RobustnessCurveTest {

    private static final InputSpec SPEC = new InputSpec(1, 4, 4, ChannelOrder.NCHW, 0, 1, null, null);

    static LinearClassifier linearModel(int levels) {
        Random r = new Random(1);
        float[][] w = new float[3][16];
        for (float[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return new LinearClassifier(SPEC, w, new float[] {0, 0, 0}, levels);
    }

    /** Random images labelled by the model itself, so clean accuracy is exactly 1. */
    static LabelledDataset dataFor(LinearClassifier model, int n) {
        Random r = new Random(2);
        float[] px = new float[n * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        Images images = new Images(px, n, 1, 4, 4);
        int[] labels = new int[n];
        Prediction[] p = Prediction.of(model, images);
        for (int i = 0; i < n; i++) {
            labels[i] = p[i].predicted();
        }
        return new LabelledDataset("random", "generated", images, labels, List.of("a", "b", "c"));
    }

    private static CurveSpec spec(double... eps) {
        return new CurveSpec(List.of(new CurveSpec.Entry("fgsm", AttackParams.defaults()),
                new CurveSpec.Entry("pgd", AttackParams.defaults().withSeed(3))), eps, 16);
    }

    @Test
    void curveStartsAtCleanAccuracyFallsMonotonicallyAndStreamsEveryPoint() {
        LinearClassifier model = linearModel(0);
        LabelledDataset data = dataFor(model, 50);
        List<CurvePoint> streamed = new ArrayList<>();
        CurveResult r = new RobustnessCurve(model, data, spec(0.05, 0.1, 0.3, 1.0), streamed::add)
                .run(ProgressListener.NONE, CancellationToken.create());

        assertEquals(1.0, r.cleanAccuracy());
        assertEquals(2 * 5, streamed.size());
        for (AttackCurve c : r.curves()) {
            assertEquals(0.0, c.points().get(0).epsilon());
            assertEquals(r.cleanAccuracy(), c.points().get(0).accuracy());
            for (int i = 1; i < c.points().size(); i++) {
                assertTrue(c.points().get(i).accuracy() <= c.points().get(i - 1).accuracy(), c.attack() + " monotone");
                assertTrue(c.points().get(i).meanLinf() <= c.points().get(i).epsilon() + 1e-6);
            }
            assertEquals(50, c.points().get(2).correct().length);
            assertEquals(0.0, c.points().get(c.points().size() - 1).accuracy(), "eps=1 covers the whole box");
        }
        assertTrue(r.flags().isEmpty(), "no masking on a linear model: " + r.flags());
    }

    @Test
    void aQuantisedInputModelIsFlaggedForZeroGradientsAndNotReachingChance() {
        LinearClassifier masked = linearModel(4);
        LabelledDataset data = dataFor(masked, 40);
        CurveResult r = new RobustnessCurve(masked, data, spec(0.1, 0.3), p -> { })
                .run(ProgressListener.NONE, CancellationToken.create());
        List<MaskingFlag.Kind> kinds = r.flags().stream().map(MaskingFlag::kind).toList();
        assertTrue(kinds.contains(MaskingFlag.Kind.ZERO_GRADIENTS), kinds.toString());
        assertTrue(kinds.contains(MaskingFlag.Kind.DOES_NOT_REACH_CHANCE), kinds.toString());
    }

    @Test
    void nonMonotoneAndIterativeWeakerCurvesAreFlagged() {
        LinearClassifier model = linearModel(0);
        boolean[] c = new boolean[10];
        AttackCurve fgsm = new AttackCurve("fgsm", AttackParams.defaults(), List.of(
                new CurvePoint("fgsm", 0, 1, 0, 0, 0, c), new CurvePoint("fgsm", 0.1, 0.2, 0.8, 0, 0.1, c)));
        AttackCurve pgd = new AttackCurve("pgd", AttackParams.defaults(), List.of(
                new CurvePoint("pgd", 0, 1, 0, 0, 0, c), new CurvePoint("pgd", 0.1, 0.1, 0.9, 0, 0.1, c),
                new CurvePoint("pgd", 0.2, 0.5, 0.5, 0, 0.2, c)));
        AttackCurve weak = new AttackCurve("bim", AttackParams.defaults(), List.of(
                new CurvePoint("bim", 0, 1, 0, 0, 0, c), new CurvePoint("bim", 0.1, 0.6, 0.4, 0, 0.1, c)));
        List<MaskingFlag> flags = MaskingChecks.check(List.of(fgsm, pgd, weak), model, 16, 0, 10);
        assertTrue(flags.stream().anyMatch(f -> f.kind() == MaskingFlag.Kind.NOT_MONOTONE && f.attack().equals("pgd")));
        assertTrue(flags.stream().anyMatch(f -> f.kind() == MaskingFlag.Kind.ITERATIVE_WEAKER_THAN_SINGLE_STEP
                && f.attack().equals("bim")));
        assertTrue(flags.stream().noneMatch(f -> f.kind() == MaskingFlag.Kind.ITERATIVE_WEAKER_THAN_SINGLE_STEP
                && f.attack().equals("pgd") && f.message().contains("eps=0.1")));
    }

    @Test
    void cancellationStopsTheJobWithinAFractionOfASecond() throws Exception {
        LinearClassifier model = linearModel(0);
        LabelledDataset data = dataFor(model, 2000);
        CurveSpec big = new CurveSpec(List.of(new CurveSpec.Entry("pgd",
                AttackParams.defaults().withSteps(2000))), new double[] {0.1, 0.2, 0.3}, 10);
        CancellationToken token = CancellationToken.create();
        CompletableFuture<CurveResult> f = CompletableFuture.supplyAsync(
                () -> new RobustnessCurve(model, data, big, p -> { }).run(ProgressListener.NONE, token));
        Thread.sleep(300);
        long t0 = System.nanoTime();
        token.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getCause() instanceof CancelledException, e.getCause().toString());
        assertTrue(ms < 500, "cancel took " + ms + " ms");
    }

    @Test
    void mismatchedDataIsRejected() {
        LinearClassifier model = linearModel(0);
        LabelledDataset wrong = new LabelledDataset("x", "y", new Images(new float[2 * 9], 2, 1, 3, 3), new int[2],
                List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> new RobustnessCurve(model, wrong, spec(0.1), p -> { }));
        assertTrue(e.getMessage().contains("1x3x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CurveSpec(List.of(), new double[] {0.1}, 10));
        assertThrows(IllegalArgumentException.class, () -> spec(-0.1));
    }
}
