package org.advlens.counterfactual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** On-manifold counterfactuals with a tiny random autoencoder and a linear classifier on its 8x8 images. */
class LatentCounterfactualTest {

    @Test
    void reachesTheTargetWithImagesTheDecoderCanMake() {
        Autoencoder ae = AutoencoderTest.tiny(7);
        int d = AutoencoderTest.SPEC.size();
        float[][] w = new float[2][d];
        for (int j = 0; j < d; j++) {
            w[1][j] = (j % 8 < 4 ? 1f : -1f) * 0.5f;
        }
        LinearClassifier model = new LinearClassifier(AutoencoderTest.SPEC, w, new float[] {0, 0});
        Nd4j.getRandom().setSeed(11);
        Images x = Images.of(Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8).muli(2).subi(1));
        int[] predicted = model.predict(x.toArray());
        int[] targets = {1 - predicted[0], 1 - predicted[1]};
        LatentCounterfactual method = new LatentCounterfactual(ae, LatentCounterfactual.Options.defaults()
                .withConfidence(0.8).withStepSize(0.2).withMaxSteps(300));
        var results = method.explain(model, x, targets, ProgressListener.NONE, CancellationToken.create());
        assertEquals(2, results.size());
        for (Counterfactual cf : results) {
            assertTrue(cf.success(), "target " + cf.targetClass() + " reached, p=" + cf.targetProbability());
            assertTrue(cf.targetProbability() >= 0.8 - 1e-4 && cf.targetProbability() < 0.85,
                    "stops near the confidence, p=" + cf.targetProbability());
            // The decoded result is a fixed point of decode(encode(.)) only approximately, but it is decoder output.
            assertTrue(cf.path().get(0).step() == 0 && cf.path().size() >= 2);
        }
    }

    @Test
    void rejectsAGeneratorForAnotherInput() {
        Autoencoder ae = AutoencoderTest.tiny(7);
        LinearClassifier model = new LinearClassifier(InputSpec.grey(8, 8), new float[2][64], new float[2]);
        Images x = new Images(new float[64], 1, 1, 8, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LatentCounterfactual(ae)
                .explain(model, x, new int[] {1}, ProgressListener.NONE, CancellationToken.create()));
        assertTrue(e.getMessage().contains("generative model was trained for"), e.getMessage());
    }
}
