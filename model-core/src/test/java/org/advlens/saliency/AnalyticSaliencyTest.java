package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.advlens.data.GaussianBlur;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.saliency.method.GradientTimesInput;
import org.advlens.saliency.method.IntegratedGradients;
import org.advlens.saliency.method.Occlusion;
import org.advlens.saliency.method.SmoothGrad;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

/**
 * Exact maps on analytic models. For the linear model {@code z = W x + b}: the gradient is {@code W_t}, Gradient x
 * Input {@code W_t * x}, Integrated Gradients {@code W_t * (x - x')} for any baseline {@code x'}, SmoothGrad
 * {@code W_t}, and 1-pixel occlusion {@code sum over channels of W_t * (x - fill)}. For the quadratic model
 * {@code z_k = sum a_k x^2}: Integrated Gradients is {@code a_t * (x^2 - x'^2)} with any step count.
 */
class AnalyticSaliencyTest {

    private static final int C = 3;
    private static final int H = 3;
    private static final int W = 4;
    private static final int D = C * H * W;
    private static final InputSpec SPEC = new InputSpec(C, H, W, ChannelOrder.NCHW, 0, 1, null, null);
    private static final float TOL = 1e-5f;

    private final float[][] weights = randomMatrix(4, D, 1);
    private final LinearClassifier linear = new LinearClassifier(SPEC, weights, new float[] {0.1f, -0.2f, 0.3f, 0f});
    private final Images images = randomImages(3, 2);
    private final int[] targets = {0, 2, 3};

    @Test
    void vanillaGradientIsTheWeightRowOfTheTarget() {
        SaliencyMap map = new VanillaGradient().attribute(linear, images, targets, CancellationToken.create());
        assertArrayEquals(new int[] {3, C, H, W}, map.shape());
        for (int i = 0; i < images.count(); i++) {
            assertArrayEquals(weights[targets[i]], map.image(i), TOL);
        }
        assertTrue(map.signed());
        SaliencyMap abs = new VanillaGradient(VanillaGradient.Options.absoluteGradient())
                .attribute(linear, images, targets, CancellationToken.create());
        for (int i = 0; i < images.count(); i++) {
            float[] expected = weights[targets[i]].clone();
            for (int j = 0; j < D; j++) {
                expected[j] = Math.abs(expected[j]);
            }
            assertArrayEquals(expected, abs.image(i), TOL);
        }
        assertEquals(VanillaGradient.ABSOLUTE_NAME, abs.method());
    }

    @Test
    void gradientTimesInputIsTheWeightTimesTheInput() {
        SaliencyMap map = new GradientTimesInput().attribute(linear, images, targets, CancellationToken.create());
        for (int i = 0; i < images.count(); i++) {
            float[] x = images.image(i).pixels();
            float[] expected = new float[D];
            for (int j = 0; j < D; j++) {
                expected[j] = weights[targets[i]][j] * x[j];
            }
            assertArrayEquals(expected, map.image(i), TOL);
        }
    }

    @Test
    void integratedGradientsIsExactForEveryBaselineOnTheLinearModel() {
        for (IntegratedGradients.Baseline b : IntegratedGradients.Baseline.values()) {
            IntegratedGradients ig = new IntegratedGradients(IntegratedGradients.Options.defaults().withBaseline(b)
                    .withSteps(7).withBlurSigma(1.0).withSeed(5).withBatchSize(5));
            SaliencyMap map = ig.attribute(linear, images, targets, CancellationToken.create());
            float[] base = ig.baseline(SPEC, images).pixels();
            for (int i = 0; i < images.count(); i++) {
                float[] x = images.image(i).pixels();
                float[] expected = new float[D];
                for (int j = 0; j < D; j++) {
                    expected[j] = weights[targets[i]][j] * (x[j] - base[i * D + j]);
                }
                assertArrayEquals(expected, map.image(i), TOL, b.label());
            }
            assertTrue(map.hasCompletenessDelta());
            for (double d : map.completenessDelta()) {
                assertEquals(0, d, 1e-4, b + " completeness delta");
            }
        }
    }

    @Test
    void blackBaselineIsTheLowerBound() {
        InputSpec shifted = SPEC.withBounds(-1, 1);
        Images base = new IntegratedGradients().baseline(shifted, images);
        for (float v : base.pixels()) {
            assertEquals(-1f, v);
        }
    }

    @Test
    void integratedGradientsIsExactOnTheQuadraticModel() {
        float[][] a = randomMatrix(2, D, 3);
        QuadraticClassifier quadratic = new QuadraticClassifier(SPEC, a);
        int[] t = {1, 0, 1};
        for (int steps : new int[] {1, 4, 32}) {
            IntegratedGradients ig = new IntegratedGradients(IntegratedGradients.Options.defaults()
                    .withBaseline(IntegratedGradients.Baseline.UNIFORM_NOISE).withSteps(steps).withBatchSize(7));
            SaliencyMap map = ig.attribute(quadratic, images, t, CancellationToken.create());
            float[] base = ig.baseline(SPEC, images).pixels();
            for (int i = 0; i < images.count(); i++) {
                float[] x = images.image(i).pixels();
                float[] expected = new float[D];
                for (int j = 0; j < D; j++) {
                    float b = base[i * D + j];
                    expected[j] = a[t[i]][j] * (x[j] * x[j] - b * b);
                }
                assertArrayEquals(expected, map.image(i), TOL, "steps " + steps);
                assertEquals(0, map.completenessDelta()[i], 1e-4);
            }
        }
    }

    @Test
    void smoothGradOfALinearModelIsItsGradient() {
        SmoothGrad sg = new SmoothGrad(SmoothGrad.Options.defaults().withSamples(10).withNoiseLevel(0.5)
                .withBatchSize(7));
        SaliencyMap map = sg.attribute(linear, images, targets, CancellationToken.create());
        for (int i = 0; i < images.count(); i++) {
            assertArrayEquals(weights[targets[i]], map.image(i), TOL);
        }
    }

    @Test
    void smoothGradAveragesTheNoisyGradientsOfTheQuadraticModel() {
        // d/dx of a x^2 is 2 a x, linear in x: the average over noisy copies is 2 a (x + mean noise), which
        // tends to 2 a x; with 4000 samples of noise 0.1 the mean noise is within 4 standard errors of 0.
        float[][] a = randomMatrix(2, D, 3);
        QuadraticClassifier quadratic = new QuadraticClassifier(SPEC, a);
        SmoothGrad sg = new SmoothGrad(SmoothGrad.Options.defaults().withSamples(4000).withNoiseLevel(0.1)
                .withBatchSize(1000));
        SaliencyMap map = sg.attribute(quadratic, images.image(0), new int[] {1}, CancellationToken.create());
        float[] x = images.image(0).pixels();
        double tol = 4 * 0.1 / Math.sqrt(4000);
        for (int j = 0; j < D; j++) {
            assertEquals(2 * a[1][j] * x[j], map.image(0)[j], 2 * Math.abs(a[1][j]) * tol + 1e-6);
        }
    }

    @Test
    void onePixelOcclusionIsTheContributionOfThePixelOverChannels() {
        Occlusion occ = new Occlusion(new Occlusion.Options(1, 1, 0.25, 5));
        SaliencyMap map = occ.attribute(linear, images, targets, CancellationToken.create());
        for (int i = 0; i < images.count(); i++) {
            float[] x = images.image(i).pixels();
            for (int p = 0; p < H * W; p++) {
                double expected = 0;
                for (int c = 0; c < C; c++) {
                    expected += weights[targets[i]][c * H * W + p] * (x[c * H * W + p] - 0.25);
                }
                for (int c = 0; c < C; c++) {
                    assertEquals(expected, map.image(i)[c * H * W + p], TOL);
                }
            }
        }
    }

    @Test
    void patchOcclusionAveragesTheDropsOfTheCoveringPatches() {
        Occlusion occ = new Occlusion(new Occlusion.Options(2, 1, Double.NaN, 4));
        SaliencyMap map = occ.attribute(linear, images.image(1), new int[] {2}, CancellationToken.create());
        float[] x = images.image(1).pixels();
        float[] w = weights[2];
        // Per pixel contribution over channels with fill 0 (the lower bound).
        double[] contrib = new double[H * W];
        for (int c = 0; c < C; c++) {
            for (int p = 0; p < H * W; p++) {
                contrib[p] += w[c * H * W + p] * x[c * H * W + p];
            }
        }
        for (int y = 0; y < H; y++) {
            for (int xx = 0; xx < W; xx++) {
                double sum = 0;
                int n = 0;
                for (int py = Math.max(0, y - 1); py <= Math.min(H - 2, y); py++) {
                    for (int px = Math.max(0, xx - 1); px <= Math.min(W - 2, xx); px++) {
                        sum += contrib[py * W + px] + contrib[py * W + px + 1] + contrib[(py + 1) * W + px]
                                + contrib[(py + 1) * W + px + 1];
                        n++;
                    }
                }
                assertEquals(sum / n, map.plane(0)[y * W + xx] / C, TOL);
            }
        }
    }

    @Test
    void occlusionCoversTheBorderWhenTheStrideDoesNotReachIt() {
        assertArrayEquals(new int[] {0, 3, 6, 8}, Occlusion.starts(12, 4, 3));
        assertArrayEquals(new int[] {0, 2, 4}, Occlusion.starts(6, 2, 2));
        assertArrayEquals(new int[] {0}, Occlusion.starts(5, 5, 2));
    }

    @Test
    void targetsResolveToPredictionTrueLabelOrAFixedClass() {
        int[] predicted = linear.predict(images.toArray());
        assertArrayEquals(predicted, Target.predicted().resolve(linear, images, null));
        assertArrayEquals(new int[] {1, 1, 0}, Target.trueLabel().resolve(linear, images, new int[] {1, 1, 0}));
        assertArrayEquals(new int[] {2, 2, 2}, Target.ofClass(2).resolve(linear, images, null));
        assertThrows(IllegalArgumentException.class, () -> Target.ofClass(4).resolve(linear, images, null));
        assertThrows(IllegalArgumentException.class, () -> Target.trueLabel().resolve(linear, images, null));
        assertThrows(IllegalArgumentException.class, () -> Target.ofClass(-1));
    }

    @Test
    void badInputIsRejectedWithTheValueInTheMessage() {
        VanillaGradient g = new VanillaGradient();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.attribute(linear, images, new int[] {0, 9, 1}, CancellationToken.create()));
        assertTrue(e.getMessage().contains("9"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> g.attribute(linear, images, new int[] {0, 1}, CancellationToken.create()));
        Images wrong = new Images(new float[16], 1, 1, 4, 4);
        assertThrows(IllegalArgumentException.class,
                () -> g.attribute(linear, wrong, new int[] {0}, CancellationToken.create()));
        e = assertThrows(IllegalArgumentException.class, () -> new SmoothGrad.Options(0, 0.1, 0, 8));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IntegratedGradients.Options(
                IntegratedGradients.Baseline.BLACK, 0, 1, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> new Occlusion.Options(2, 0, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> new VanillaGradient.Options(false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Occlusion(new Occlusion.Options(5, 1, 0, 8))
                .attribute(linear, images, targets, CancellationToken.create()));
        assertThrows(IllegalArgumentException.class, () -> IntegratedGradients.Baseline.parse("grey"));
    }

    @Test
    void aCancelledTokenStopsTheComputation() {
        CancellationToken token = CancellationToken.create();
        token.cancel();
        for (SaliencyMethod m : new SaliencyMethod[] {new VanillaGradient(), new SmoothGrad(),
            new IntegratedGradients(), new Occlusion(new Occlusion.Options(2, 1, 0, 8))}) {
            assertThrows(CancelledException.class, () -> m.attribute(linear, images, targets, token), m.name());
        }
    }

    @Test
    void gaussianBlurKeepsConstantImagesAndSmoothsAnImpulse() {
        float[] constant = new float[2 * 5 * 6];
        java.util.Arrays.fill(constant, 0.4f);
        assertArrayEquals(constant, GaussianBlur.blur(constant, 1, 2, 5, 6, 1.5), 1e-6f);
        float[] impulse = new float[9 * 9];
        impulse[4 * 9 + 4] = 1;
        float[] b = GaussianBlur.blur(impulse, 1, 1, 9, 9, 1.0);
        double sum = 0;
        for (float v : b) {
            sum += v;
        }
        assertEquals(1, sum, 1e-5);
        assertTrue(b[4 * 9 + 4] < 0.2 && b[4 * 9 + 4] > b[4 * 9 + 5] && b[4 * 9 + 5] > b[4 * 9 + 6]);
        assertEquals(b[3 * 9 + 4], b[4 * 9 + 3], 1e-7);
    }

    private static float[][] randomMatrix(int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return m;
    }

    private static Images randomImages(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * D];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        return new Images(px, n, C, H, W);
    }
}
