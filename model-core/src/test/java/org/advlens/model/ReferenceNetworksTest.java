package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.LabelledDataset;
import org.advlens.model.load.ReferenceNetworks;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ReferenceNetworksTest {

    @Test
    void theResNetStyleNetworkGivesLogitsAndInputGradientsOfTheRightShape() {
        try (Classifier model = ReferenceNetworks.resnetStyle(1, 3)) {
            LabelledDataset data = org.advlens.data.Datasets.random(model, 4, 5);
            INDArray x = data.images().toArray();
            assertArrayEquals(new long[] {4, 10}, model.logits(x).shape());
            INDArray g = model.lossGradient(x, data.labels());
            assertArrayEquals(x.shape(), g.shape());
            assertTrue(g.amaxNumber().doubleValue() > 0, "the gradient reaches the input");
            assertTrue(model.info().softmaxOutput());
        }
    }

    @Test
    void aBadBlockCountIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ReferenceNetworks.resnetStyle(0, 1));
        assertTrue(e.getMessage().contains("0"));
    }
}
