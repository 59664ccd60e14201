package org.advlens.eval.ood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.Images;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** MSP, max logit, energy and ODIN on hand-made logits and an analytic linear classifier. */
class LogitScoresAndOdinTest {

    private static final float[] Z = {1, 2, 3};

    @Test
    void logitScoresOnHandMadeLogits() {
        double e = Math.E;
        // MSP = e^3 / (e + e^2 + e^3)
        assertEquals(Math.exp(3) / (e + e * e + Math.exp(3)), LogitScores.maxSoftmax(Z), 1e-12);
        assertEquals(3.0, LogitScores.maxLogit(Z));
        // -E(x; T) = T log sum exp(z / T)
        assertEquals(Math.log(e + e * e + Math.exp(3)), LogitScores.negativeEnergy(Z, 1), 1e-12);
        assertEquals(2 * Math.log(Math.exp(0.5) + e + Math.exp(1.5)), LogitScores.negativeEnergy(Z, 2), 1e-12);
        // a high temperature flattens the softmax towards 1/3
        assertEquals(1 / 3.0, LogitScores.maxSoftmax(Z, 1e6), 1e-6);
        // large logits stay finite
        assertEquals(1000 + Math.log(1 + 2 * Math.exp(-1000)), LogitScores.negativeEnergy(new float[] {1000, 0, 0}, 1),
                1e-9);
    }

    @Test
    void nonPositiveTemperatureIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogitScores.negativeEnergy(Z, 0));
        assertTrue(e.getMessage().contains("temperature must be positive and finite, got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Odin.Options(-1, 0.001));
        assertThrows(IllegalArgumentException.class, () -> new Odin.Options(1000, -0.1));
    }

    @Test
    void odinStepOnALinearClassifierIsTheHandDerivedOne() {
        // given z = W x with W = [[1, 2], [-1, 0.5]] and x = (0.3, 0.4): z = (1.1, -0.1), predicted class 0
        InputSpec spec = new InputSpec(1, 1, 2, ChannelOrder.NCHW, 0, 1, null, null);
        LinearClassifier model = new LinearClassifier(spec, new float[][] {{1, 2}, {-1, 0.5f}}, new float[] {0, 0});
        Odin.Options options = new Odin.Options(10, 0.05);
        // -grad_x log S_0(x; T) = W^T (S - e_0) / T = s_1 / T (W_1 - W_0) = s_1 / T (-2, -1.5): sign (-1, -1),
        // so x' = x - eps * sign(...) = x + eps in both pixels
        float[] perturbed = Odin.preprocess(model, Nd4j.create(new float[] {0.3f, 0.4f}, new long[] {1, 1, 1, 2}, 'c'),
                options).castTo(DataType.FLOAT).data().asFloat();
        assertArrayEquals(new float[] {0.35f, 0.45f}, perturbed, 1e-6f);
        // the score is max softmax(W x' / T), z' = (1.25, -0.125)
        double expected = 1 / (1 + Math.exp((-0.125 - 1.25) / 10));
        double[] scores = Odin.scores(model, new Images(new float[] {0.3f, 0.4f}, 1, 1, 1, 2), options);
        assertEquals(expected, scores[0], 1e-6);
        // the perturbation raised the temperature-scaled softmax of the predicted class
        assertTrue(scores[0] > 1 / (1 + Math.exp(-1.2 / 10)));
    }
}
