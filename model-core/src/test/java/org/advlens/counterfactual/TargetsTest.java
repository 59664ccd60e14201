package org.advlens.counterfactual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void theSecondMostLikelyClassIsTheRunnerUpLogit() {
        // logits are the two pixels plus a bias per class: class 2 is always 0.5
        InputSpec spec = InputSpec.grey(1, 2);
        float[][] w = {{1, 0}, {0, 1}, {0, 0}};
        float[] b = {0, 0, 0.5f};
        LinearClassifier model = new LinearClassifier(spec, w, b);
        // (0.9, 0.1): order 0 > 2 > 1; (0.2, 0.7): 1 > 2 > 0; (0.6, 0.55): 0 > 1 > 2
        Images x = new Images(new float[] {0.9f, 0.1f, 0.2f, 0.7f, 0.6f, 0.55f}, 3, 1, 1, 2);
        assertArrayEquals(new int[] {2, 2, 1}, Targets.secondMostLikely(model, x));
    }
}
