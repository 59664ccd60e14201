package org.advlens.eval.compare;

import java.util.List;
import java.util.Random;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;

/** Linear models on 4x4 images and a seeded data set labelled by one of them. */
final class CompareFixtures {

    static final InputSpec SPEC = new InputSpec(1, 4, 4, ChannelOrder.NCHW, 0, 1, null, null);

    private CompareFixtures() {
    }

    /** Gaussian weights {@code [classes][16]}, seeded. */
    static float[][] weights(int classes, long seed) {
        Random r = new Random(seed);
        float[][] w = new float[classes][16];
        for (float[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return w;
    }

    static LinearClassifier linear(float[][] w) {
        return new LinearClassifier(SPEC, w, new float[w.length]);
    }

    /** {@code n} images uniform in [0.3, 0.7], labelled by {@code labeller}'s predictions. */
    static LabelledDataset data(int n, LinearClassifier labeller, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (0.3 + 0.4 * r.nextDouble());
        }
        Images images = new Images(px, n, 1, 4, 4);
        return new LabelledDataset("linear", "generated", images, labeller.predict(images.toArray()), List.of());
    }
}
