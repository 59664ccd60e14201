package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackRunner;
import org.advlens.job.CancellationToken;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The adaptive attack's targets, and its result on a quantised linear model, verified by the engine. */
class AdaptiveSqueezingAttackTest {

    @Test
    void targetsAreTheWrongClassesMostLikelyFirst() {
        INDArray logits = Nd4j.create(new float[] {3, 1, 2, 0, 5, 1, 4, 2}, new long[] {2, 4}, 'c');
        int[][] wrong = AdaptiveSqueezingAttack.wrongClassesByLikelihood(logits, new int[] {0, 0});
        assertArrayEquals(new int[] {2, 1, 3}, wrong[0]);
        assertArrayEquals(new int[] {2, 3, 1}, wrong[1]);
    }

    @Test
    void itDrivesThePlainAndTheSqueezedPredictionToTheSameWrongClass() {
        // class 0 when the pixels sum to more than 2.1; 2-bit squeezing moves 0.58 to 2/3 and 0.48 to 1/3.
        // Within 0.1 of 0.58 every pixel can fall below 0.5, where both the image and its squeezed copy say class 1.
        InputSpec spec = InputSpec.grey(2, 2);
        LinearClassifier linear = new LinearClassifier(spec, new float[][] {{10, 10, 10, 10}, {0, 0, 0, 0}},
                new float[] {-21, 0});
        int n = 6;
        float[] pixels = new float[n * 4];
        java.util.Arrays.fill(pixels, 0.58f);
        INDArray x = Nd4j.create(pixels, new long[] {n, 1, 2, 2}, 'c');
        int[] labels = new int[n];
        List<Squeezer> squeezers = List.of(new BitDepthReduction(2));
        AdaptiveSqueezingAttack attack = new AdaptiveSqueezingAttack(squeezers);
        AttackOutcome o = AttackRunner.run(attack, linear, x, labels, new double[] {0.1},
                attack.defaults().withSeed(3), CancellationToken.create()).get(0);
        assertEquals(1.0, o.successRate());
        assertEquals(0, o.repaired(), "the attack projects and clips after every step itself");
        assertTrue(o.meanLinf() <= 0.1 + 1e-6);
        // the joint optimum is every pixel at 0.48: logit 19.2 - 21 on the image, 40/3 - 21 on its squeezed copy,
        // both class 1, and the detector's score is twice the difference of their class-0 probabilities
        assertEquals(0.48, o.adversarial().pixels()[0], 1e-6);
        double expected = 2 * (sigmoid(19.2 - 21) - sigmoid(40.0 / 3 - 21));
        for (double s : new FeatureSqueezing(linear, squeezers).scores(o.adversarial().toArray())) {
            assertEquals(expected, s, 1e-5);
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void itNeedsASqueezer() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveSqueezingAttack(List.of()));
    }
}
