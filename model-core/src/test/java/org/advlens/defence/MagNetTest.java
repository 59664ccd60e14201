package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackRunner;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.counterfactual.AutoencoderTrainer;
import org.advlens.data.Datasets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.load.ModelLoader;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** MagNet on a tiny untrained autoencoder and a linear classifier: detector, reformer, gradients, adaptive attack. */
class MagNetTest {

    private static final InputSpec SPEC = InputSpec.grey(8, 8).withBounds(-1, 1);

    private static Autoencoder tinyAutoencoder() {
        return new Autoencoder(AutoencoderTrainer.buildNetwork(SPEC, 3, 5L, 1e-3),
                new ModelDescription("tiny", SPEC, ModelDescription.numberedClasses(2)), "test", "");
    }

    private static LinearClassifier linear() {
        float[][] w = new float[2][64];
        for (int i = 0; i < 64; i++) {
            w[0][i] = (i % 3) - 1f;
            w[1][i] = ((i * 5) % 7) / 7f - 0.5f;
        }
        return new LinearClassifier(SPEC, w, new float[] {0.1f, -0.1f});
    }

    private static INDArray images(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 1, 8, 8).muli(1.6).subi(0.8);
    }

    @Test
    void theDetectorScoresTheReconstructionErrorAndTheReformerClassifiesTheReconstruction() {
        Autoencoder ae = tinyAutoencoder();
        LinearClassifier f = linear();
        MagNet magnet = new MagNet(f, ae);
        INDArray x = images(3, 1);
        INDArray r = ae.reconstruct(x);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            INDArray d = r.slice(i).sub(x.slice(i)).divi(SPEC.range());
            expected[i] = d.muli(d).meanNumber().doubleValue();
        }
        assertArrayEquals(expected, magnet.scores(x), 1e-6);
        assertArrayEquals(FloatArrays.of(f.logits(r)), FloatArrays.of(magnet.guarded().logits(x)), 1e-5f);
        assertArrayEquals(ae.reconstructionError(Images.of(x)), magnet.scores(x), 1e-9);
    }

    @Test
    void theReformersGradientMatchesFiniteDifferences() {
        Autoencoder ae = tinyAutoencoder();
        Reformer reformer = new Reformer(ae);
        float[] x = FloatArrays.of(images(1, 2));
        float[] up = FloatArrays.of(images(1, 3));
        float[] g = reformer.backward(x, up, 1, SPEC);
        float h = 1e-2f;
        for (int i : new int[] {0, 9, 27, 36, 63}) {
            float[] plus = x.clone();
            plus[i] += h;
            float[] minus = x.clone();
            minus[i] -= h;
            double fd = (dot(up, reformer.apply(plus, 1, SPEC)) - dot(up, reformer.apply(minus, 1, SPEC))) / (2 * h);
            assertEquals(fd, g[i], 0.02 * Math.max(1e-2, Math.abs(fd)) + 1e-4, "pixel " + i);
        }
    }

    @Test
    void theAdaptiveAttackFoolsTheReformedBundledModelInsideTheBall() throws Exception {
        // an untrained autoencoder reconstructs almost nothing of its input, so this one uses the bundled pair
        LabelledDataset data = Datasets.bundledEvaluation().limit(4);
        try (Classifier model = ModelLoader.bundledDefault()) {
            MagNet magnet = new MagNet(model, Autoencoder.bundled());
            AdaptiveMagNetAttack attack = magnet.adaptiveAttack();
            AttackOutcome o = AttackRunner.run(attack, magnet.guarded(), data.images().toArray(), data.labels(),
                    new double[] {0.1}, attack.defaults().withSteps(10).withSeed(1), CancellationToken.create()).get(0);
            assertEquals(0, o.repaired(), "the attack projects and clips after every step itself");
            assertTrue(o.meanLinf() <= 0.1 + 1e-6);
            assertTrue(o.successRate() > 0, "success " + o.successRate());
        }
    }

    @Test
    void mismatchedInputsAndBadWeightsAreRejected() {
        Autoencoder ae = tinyAutoencoder();
        LinearClassifier other = new LinearClassifier(InputSpec.grey(8, 8), new float[2][64], new float[2]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MagNet(other, ae)).getMessage()
                .contains("the autoencoder models"));
        assertEquals("reconstruction weight must be in [0, 1000], got -1.0", assertThrows(
                IllegalArgumentException.class, () -> new AdaptiveMagNetAttack(ae, -1)).getMessage());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
