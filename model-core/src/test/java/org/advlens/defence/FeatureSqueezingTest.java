package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The detector's score on a model whose logits are its two pixels, worked out by hand. */
class FeatureSqueezingTest {

    private static final InputSpec SPEC = InputSpec.grey(1, 2);
    private static final LinearClassifier IDENTITY = new LinearClassifier(SPEC, new float[][] {{1, 0}, {0, 1}},
            new float[] {0, 0});

    @Test
    void scoreIsTheL1DistanceOfTheSoftmaxesMaximisedOverSqueezers() {
        // x = (0.3, 0.8): softmax puts 1/(1+e^0.5) on class 0.
        // One bit gives (0, 1): 1/(1+e^1) on class 0. Two bits give (1/3, 2/3): 1/(1+e^(1/3)).
        // With two classes the L1 distance is twice the difference on class 0.
        double p = 1 / (1 + Math.exp(0.5));
        double oneBit = 2 * Math.abs(p - 1 / (1 + Math.exp(1)));
        double twoBits = 2 * Math.abs(p - 1 / (1 + Math.exp(1.0 / 3)));
        var x = Nd4j.create(new float[] {0.3f, 0.8f, 0.5f, 1f}, new long[] {2, 1, 1, 2}, 'c');

        double[] both = new FeatureSqueezing(IDENTITY, List.of(new BitDepthReduction(2), new BitDepthReduction(1)))
                .scores(x);
        assertEquals(Math.max(oneBit, twoBits), both[0], 1e-6);
        double[] two = new FeatureSqueezing(IDENTITY, List.of(new BitDepthReduction(2))).scores(x);
        assertEquals(twoBits, two[0], 1e-6);
        // (0.5, 1) has the same softmax as (0.3, 0.8) and rounds to (0, 1) at one bit: a tie rounds to even
        assertEquals(oneBit, new FeatureSqueezing(IDENTITY, List.of(new BitDepthReduction(1))).scores(x)[1], 1e-6);
    }

    @Test
    void anImageTheSqueezerLeavesAloneScoresZero() {
        var x = Nd4j.create(new float[] {0f, 1f}, new long[] {1, 1, 1, 2}, 'c');
        assertEquals(0.0, new FeatureSqueezing(IDENTITY, List.of(new BitDepthReduction(1), new MedianFilter(1)))
                .scores(x)[0], 1e-9);
    }

    @Test
    void aDetectorNeedsASqueezer() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureSqueezing(IDENTITY, List.of()));
    }
}
