package org.advlens.eval.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.junit.jupiter.api.Test;

/** The built-in OOD sets: the transforms exactly, the noise within the bounds, and reproducible from the seed. */
class BuiltInOodSetTest {

    private static final InputSpec SPEC = InputSpec.grey(2, 3);
    private static final Images TWO = new Images(new float[] {0, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f,
        1, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f}, 2, 1, 2, 3);

    @Test
    void invertedAndFlippedAreTheExactTransforms() {
        Images inverted = BuiltInOodSet.INVERTED.make(TWO, SPEC, 0);
        assertEquals(1f, inverted.get(0, 0, 0, 0));
        assertEquals(0.2f, inverted.get(1, 0, 0, 2), 1e-6f); // 1 - 0.8
        Images flipped = BuiltInOodSet.FLIPPED.make(TWO, SPEC, 0);
        // row 0 of each image is its old row 1
        assertEquals(TWO.get(0, 0, 1, 2), flipped.get(0, 0, 0, 2));
        assertEquals(TWO.get(1, 0, 0, 1), flipped.get(1, 0, 1, 1));
    }

    @Test
    void noiseStaysInTheBoundsAndRepeatsWithTheSeed() {
        Images big = new Images(new float[20_000], 20_000, 1, 1, 1);
        InputSpec unit = InputSpec.grey(1, 1);
        for (BuiltInOodSet set : new BuiltInOodSet[] {BuiltInOodSet.UNIFORM, BuiltInOodSet.GAUSSIAN}) {
            float[] v = set.make(big, unit, 5).pixels();
            double mean = 0;
            int atBounds = 0;
            for (float p : v) {
                assertTrue(p >= 0 && p <= 1, set + " value " + p);
                mean += p / v.length;
                atBounds += p == 0 || p == 1 ? 1 : 0;
            }
            assertEquals(0.5, mean, 0.01, set.id());
            assertEquals(set.make(big, unit, 5), set.make(big, unit, 5));
            if (set == BuiltInOodSet.GAUSSIAN) {
                // N(0.5, 1) clipped to [0, 1]: P(outside) = 2 Phi(-0.5) = 0.617
                assertEquals(0.617, (double) atBounds / v.length, 0.02);
            }
        }
    }
}
