package org.advlens.saliency.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.Jobs;
import org.advlens.model.InputSpec;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.method.GradientTimesInput;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

/**
 * The faithfulness measures on a linear classifier on 4x4 images, {@code z_0 = w . x}, {@code z_1 = 0}: class 0
 * uses a few pixels strongly and the rest weakly, so the exact contribution of each pixel is {@code w_i x_i}.
 */
class FaithfulnessMetricsTest {

    private static final int SIDE = 4;
    private static final int D = SIDE * SIDE;
    private static final float[] W = new float[D];
    private static final float[] X = new float[D];

    static {
        for (int i = 0; i < D; i++) {
            W[i] = 0.05f * (i % 3);
            X[i] = 0.5f + 0.03f * i;
        }
        W[5] = 3f;
        W[6] = 2.5f;
        W[9] = 2f;
        W[10] = 1.5f;
    }

    private static LinearClassifier model() {
        return new LinearClassifier(InputSpec.grey(SIDE, SIDE), new float[][] {W, new float[D]}, new float[2]);
    }

    private static float[] trueContributions() {
        float[] c = new float[D];
        for (int i = 0; i < D; i++) {
            c[i] = W[i] * X[i];
        }
        return c;
    }

    @Test
    void trueRankingDeletesBelowAndInsertsAboveEveryRandomOrder() {
        LinearClassifier model = model();
        int[] truth = PixelRanking.mostRelevantFirst(trueContributions());
        assertArrayEquals(new int[] {5, 6, 9, 10}, java.util.Arrays.copyOf(truth, 4));
        double deletion = PixelFlipping.areaUnderCurve(PixelFlipping.deletion(model, X, 0, truth, D, 0f));
        double insertion = PixelFlipping.areaUnderCurve(PixelFlipping.insertion(model, X, 0, truth, D, 0f));
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 10; trial++) {
            int[] order = PixelRanking.random(D, random);
            double rd = PixelFlipping.areaUnderCurve(PixelFlipping.deletion(model, X, 0, order, D, 0f));
            double ri = PixelFlipping.areaUnderCurve(PixelFlipping.insertion(model, X, 0, order, D, 0f));
            assertTrue(deletion < rd, "deletion " + deletion + " vs random " + rd);
            assertTrue(insertion > ri, "insertion " + insertion + " vs random " + ri);
        }
    }

    @Test
    void deletionCurveStartsAtTheProbabilityAndEndsAtTheBaseline() {
        double[] curve = PixelFlipping.deletion(model(), X, 0, PixelRanking.mostRelevantFirst(trueContributions()),
                4, 0f);
        assertEquals(5, curve.length);
        double z = 0;
        for (int i = 0; i < D; i++) {
            z += W[i] * X[i];
        }
        assertEquals(1 / (1 + Math.exp(-z)), curve[0], 1e-6);
        assertEquals(0.5, curve[4], 1e-6, "all pixels at 0: both logits 0");
    }

    @Test
    void areaOfAThreeStepCurveByHand() {
        // (1/3) * ((1 + 0.5)/2 + (0.5 + 0.25)/2 + (0.25 + 0)/2) = 1.25 / 3
        assertEquals(1.25 / 3, PixelFlipping.areaUnderCurve(new double[] {1, 0.5, 0.25, 0}), 1e-12);
    }

    @Test
    void imputationKeepsAConstantImageConstant() {
        float[] image = new float[36];
        java.util.Arrays.fill(image, 0.3f);
        boolean[] removed = new boolean[36];
        for (int i = 0; i < 36; i += 3) {
            removed[i] = true;
        }
        removed[0] = removed[35] = true;
        float[] out = NoisyLinearImputation.impute(image, 1, 6, 6, removed,
                new NoisyLinearImputation.Options(0, 1e-7, 0, 1), new SplittableRandom(1));
        for (float v : out) {
            assertEquals(0.3f, v, 1e-5);
        }
    }

    @Test
    void imputationOfALinearRampIsExactInTheInterior() {
        int h = 7;
        int w = 8;
        float[] ramp = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = 0.1f + 0.05f * x + 0.03f * y;
            }
        }
        boolean[] removed = new boolean[h * w];
        for (int y = 2; y <= 4; y++) {
            for (int x = 2; x <= 5; x++) {
                removed[y * w + x] = true;
            }
        }
        removed[w + 1] = true;
        float[] out = NoisyLinearImputation.impute(ramp, 1, h, w, removed,
                new NoisyLinearImputation.Options(0, 1e-8, 0, 1), new SplittableRandom(1));
        assertArrayEquals(ramp, out, 1e-5f);
    }

    @Test
    void imputationNoiseIsSeededAndOnlyOnRemovedPixels() {
        float[] image = new float[16];
        java.util.Arrays.fill(image, 0.5f);
        boolean[] removed = new boolean[16];
        removed[5] = true;
        NoisyLinearImputation.Options o = new NoisyLinearImputation.Options(0.1, 1e-7, 0, 1);
        float[] a = NoisyLinearImputation.impute(image, 1, 4, 4, removed, o, new SplittableRandom(3));
        float[] b = NoisyLinearImputation.impute(image, 1, 4, 4, removed, o, new SplittableRandom(3));
        assertArrayEquals(a, b);
        assertTrue(a[5] != 0.5f);
        assertEquals(0.5f, a[4]);
    }

    @Test
    void gradientTimesInputOfALinearModelHasFaithfulnessCorrelationOne() {
        LinearClassifier model = model();
        SaliencyMap map = new GradientTimesInput().attribute(model, new Images(X, 1, 1, SIDE, SIDE), new int[] {0},
                CancellationToken.create());
        double r = FaithfulnessCorrelation.of(model, X, map.plane(0), 0, 30, 4, 0f, new SplittableRandom(11));
        assertEquals(1.0, r, 1e-5);
    }

    @Test
    void gradientOfALinearModelHasZeroSensitivity() {
        LinearClassifier model = model();
        SaliencyMethod gradient = new VanillaGradient(VanillaGradient.Options.signedGradient());
        Images image = new Images(X, 1, 1, SIDE, SIDE);
        float[] map = gradient.attribute(model, image, new int[] {0}, CancellationToken.create()).image(0);
        ExplanationSensitivity s = ExplanationSensitivity.of(gradient, model, image, 0, map, 8, 0.05,
                new SplittableRandom(2), CancellationToken.create());
        assertEquals(0, s.max(), 1e-7);
        assertEquals(0, s.average(), 1e-7);
    }

    @Test
    void randomLogitClassIsNeverTheTargetAndLinearMapsOfTheTwoClassesDiffer() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 50; i++) {
            int t = i % 3;
            int o = RandomLogitTest.otherClass(t, 3, random);
            assertTrue(o != t && o >= 0 && o < 3);
        }
        float[] other = new float[D];
        java.util.Arrays.fill(other, 0.7f);
        float[][] weights = {W, other};
        LinearClassifier model = new LinearClassifier(InputSpec.grey(SIDE, SIDE), weights, new float[2]);
        Images image = new Images(X, 1, 1, SIDE, SIDE);
        SaliencyMethod g = new VanillaGradient(VanillaGradient.Options.signedGradient());
        SaliencyMap a = g.attribute(model, image, new int[] {0}, CancellationToken.create());
        SaliencyMap b = g.attribute(model, image, new int[] {1}, CancellationToken.create());
        assertEquals(1.0, RandomLogitTest.similarity(a, a, 0, SimilarityMetric.SPEARMAN_SIGNED), 1e-12);
        assertTrue(RandomLogitTest.similarity(a, b, 0, SimilarityMetric.SPEARMAN_SIGNED) < 0.5);
    }

    @Test
    void theTableRanksGradientTimesInputAboveRandomOrder() throws Exception {
        LinearClassifier model = model();
        float[] two = new float[2 * D];
        System.arraycopy(X, 0, two, 0, D);
        for (int i = 0; i < D; i++) {
            two[D + i] = 1 - X[i] / 2;
        }
        FaithfulnessOptions options = new FaithfulnessOptions(8, 0, 10, 0.25, 3, 0.02, SimilarityMetric.SSIM, 5);
        FaithfulnessResult r = Jobs.runNow(new FaithfulnessEvaluation(model, new Images(two, 2, 1, SIDE, SIDE),
                List.of(new GradientTimesInput()), options));
        assertEquals(List.of(GradientTimesInput.NAME, MethodScores.RANDOM_ORDER),
                r.rows().stream().map(MethodScores::method).toList());
        MethodScores gxi = r.row(GradientTimesInput.NAME);
        MethodScores random = r.row(MethodScores.RANDOM_ORDER);
        assertTrue(gxi.mean(FaithfulnessMetric.DELETION_AUC) < random.mean(FaithfulnessMetric.DELETION_AUC));
        assertTrue(gxi.mean(FaithfulnessMetric.INSERTION_AUC) > random.mean(FaithfulnessMetric.INSERTION_AUC));
        assertEquals(1.0, gxi.mean(FaithfulnessMetric.FAITHFULNESS_CORRELATION), 1e-5);
        assertEquals(9, gxi.deletionCurve().length);
        assertTrue(Double.isNaN(random.mean(FaithfulnessMetric.MAX_SENSITIVITY)));
        String json = FaithfulnessJson.of(r, model.info(), "test").toString();
        assertTrue(json.contains("\"deletion_auc\"") && json.contains("\"random-order\""), json);
    }

    @Test
    void invalidSettingsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaithfulnessOptions(0, 0, 10, 0.1, 3, 0.02, SimilarityMetric.SSIM, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FaithfulnessOptions(10, 0, 10, 1.5, 3, 0.02, SimilarityMetric.SSIM, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new FaithfulnessOptions(10, 0, 10, 0.1, 3, 0, SimilarityMetric.SSIM, 0));
        assertThrows(IllegalArgumentException.class, () -> new NoisyLinearImputation.Options(-1, 1e-6, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PixelFlipping.areaUnderCurve(new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> PixelFlipping.deletion(model(), X, 0, PixelRanking.random(D, new SplittableRandom(1)), D + 1,
                        0f));
        assertThrows(IllegalArgumentException.class, () -> RandomLogitTest.otherClass(0, 1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new FaithfulnessEvaluation(model(),
                new Images(X, 1, 1, SIDE, SIDE), List.of(), FaithfulnessOptions.defaults()));
    }
}
