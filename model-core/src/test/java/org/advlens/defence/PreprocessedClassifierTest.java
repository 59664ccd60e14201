package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.job.CancellationToken;
import org.advlens.model.FloatArrays;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A squeezed classifier's gradients, exact and BPDA, on a linear model; and the toy defence that masks gradients:
 * a linear classifier behind a 2-bit quantiser, which plain PGD cannot move and BPDA-PGD breaks.
 */
class PreprocessedClassifierTest {

    private static final InputSpec SPEC = InputSpec.grey(2, 2);
    // class 0 when the (quantised) pixels sum to more than 1.6
    private static final LinearClassifier LINEAR = new LinearClassifier(SPEC,
            new float[][] {{1, 1, 1, 1}, {0, 0, 0, 0}}, new float[] {0, 1.6f});

    @Test
    void bothModesClassifyTheSqueezedImage() {
        INDArray x = Nd4j.create(new float[] {0.55f, 0.6f, 0.45f, 0.9f}, new long[] {1, 1, 2, 2}, 'c');
        PreprocessedClassifier exact = new PreprocessedClassifier(LINEAR, new BitDepthReduction(2), GradientMode.EXACT);
        // quantised to 2/3, 2/3, 1/3, 1: the sum 8/3
        assertEquals(8 / 3.0 - 1.6, exact.logits(x).getDouble(0, 0) - exact.logits(x).getDouble(0, 1), 1e-6);
        assertArrayEquals(FloatArrays.of(exact.logits(x)),
                FloatArrays.of(exact.withMode(GradientMode.BPDA).logits(x)));
    }

    @Test
    void theExactGradientThroughAQuantiserIsZeroAndBpdaIsTheModelsGradientAtTheSqueezedImage() {
        INDArray x = Nd4j.create(new float[] {0.55f, 0.6f, 0.45f, 0.9f}, new long[] {1, 1, 2, 2}, 'c');
        INDArray squeezed = Nd4j.create(new float[] {2 / 3f, 2 / 3f, 1 / 3f, 1f}, new long[] {1, 1, 2, 2}, 'c');
        BitDepthReduction q = new BitDepthReduction(2);
        PreprocessedClassifier exact = new PreprocessedClassifier(LINEAR, q, GradientMode.EXACT);
        PreprocessedClassifier bpda = new PreprocessedClassifier(LINEAR, q, GradientMode.BPDA);
        int[] label = {0};
        assertArrayEquals(new float[4], FloatArrays.of(exact.lossGradient(x, label)));
        assertArrayEquals(FloatArrays.of(LINEAR.lossGradient(squeezed, label)),
                FloatArrays.of(bpda.lossGradient(x, label)), 1e-6f);
        // and the same through the one-pass array method the attacks use
        float[] logits = new float[2];
        float[] g = new float[4];
        bpda.logitsAndGradient(FloatArrays.of(x), 1, new float[] {1, 0}, null, logits, g);
        assertArrayEquals(FloatArrays.of(LINEAR.lossGradient(squeezed, label)), g, 1e-6f);
        exact.logitsAndGradient(FloatArrays.of(x), 1, new float[] {1, 0}, null, logits, g);
        assertArrayEquals(new float[4], g);
    }

    @Test
    void theExactGradientThroughAMedianFilterIsTheChainRule() {
        InputSpec spec = InputSpec.grey(3, 3);
        float[][] w = {{1, -2, 3, 0.5f, 1, -1, 2, 0, 1}, {0, 1, 0, 1, 0, 1, 0, 1, 0}};
        LinearClassifier linear = new LinearClassifier(spec, w, new float[] {0, 0});
        float[] pixels = {0.1f, 0.7f, 0.3f, 0.9f, 0.5f, 0.2f, 0.8f, 0.4f, 0.6f};
        INDArray x = Nd4j.create(pixels, new long[] {1, 1, 3, 3}, 'c');
        MedianFilter m = new MedianFilter(3);
        PreprocessedClassifier exact = new PreprocessedClassifier(linear, m, GradientMode.EXACT);
        INDArray weights = Nd4j.create(new float[] {1, -1}, new long[] {1, 2}, 'c');
        // d(z0 - z1)/dx = J^T W^T (1, -1), with J the median's routing
        float[] wz = FloatArrays.of(weights.mmul(Nd4j.createFromArray(w)));
        float[] expected = m.backward(pixels, wz, 1, spec);
        assertArrayEquals(expected, FloatArrays.of(exact.logitGradient(x, weights)), 1e-6f);
    }

    @Test
    void plainPgdCannotMoveTheQuantisedModelButBpdaPgdBreaksIt() {
        // 20 images near 0.58 per pixel: quantised to 2/3 each (sum 8/3, class 0); moving every pixel below 0.5
        // quantises them to 1/3 (sum 4/3, class 1), which an L-inf budget of 0.1 allows
        int n = 20;
        float[] pixels = new float[n * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 0.57f + 0.02f * ((i * 7) % 5) / 4f;
        }
        INDArray x = Nd4j.create(pixels, new long[] {n, 1, 2, 2}, 'c');
        int[] labels = new int[n];
        BitDepthReduction q = new BitDepthReduction(2);
        PreprocessedClassifier exact = new PreprocessedClassifier(LINEAR, q, GradientMode.EXACT);
        PreprocessedClassifier bpda = exact.withMode(GradientMode.BPDA);
        assertArrayEquals(labels, exact.predict(x), "every clean image is class 0");
        AttackParams params = new ProjectedGradientDescent().defaults().withSeed(7);
        double[] eps = {0.1};
        AttackOutcome plain = AttackRunner.run(new ProjectedGradientDescent(), exact, x, labels, eps, params,
                CancellationToken.create()).get(0);
        AttackOutcome adaptive = AttackRunner.run(new ProjectedGradientDescent(), bpda, x, labels, eps, params,
                CancellationToken.create()).get(0);
        assertEquals(1.0, plain.accuracy(), "the zero gradient leaves PGD only its random start");
        assertEquals(0.0, adaptive.accuracy(), "BPDA-PGD moves every image across the quantiser's level");
        assertTrue(adaptive.meanLinf() <= 0.1 + 1e-6);
        // the wrapper's verdict is the defended model's own: quantise, then classify
        assertArrayEquals(Logits.argmax(exact.logits(adaptive.adversarial().toArray())), adaptive.predictions());
    }
}
