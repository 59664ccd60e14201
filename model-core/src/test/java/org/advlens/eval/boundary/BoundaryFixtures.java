package org.advlens.eval.boundary;

import java.util.Random;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;

/** A 3-class linear model on 4x4 images and one image, for hand-checkable planes. */
final class BoundaryFixtures {

    static final InputSpec SPEC = new InputSpec(1, 4, 4, ChannelOrder.NCHW, 0, 1, null, null);

    private BoundaryFixtures() {
    }

    static float[][] weights() {
        Random r = new Random(7);
        float[][] w = new float[3][16];
        for (float[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return w;
    }

    static final float[] BIAS = {0.2f, -0.1f, 0f};

    static LinearClassifier model() {
        return new LinearClassifier(SPEC, weights(), BIAS);
    }

    static float[] image() {
        Random r = new Random(11);
        float[] x = new float[16];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.25f + 0.5f * r.nextFloat();
        }
        return x;
    }

    /** Logits {@code W p + b} in double. */
    static double[] logits(float[] p) {
        float[][] w = weights();
        double[] z = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            z[k] = BIAS[k];
            for (int i = 0; i < p.length; i++) {
                z[k] += (double) w[k][i] * p[i];
            }
        }
        return z;
    }
}
