package org.advlens.eval;

import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks input gradients for the signs of shattered or vanishing gradients. */
final class GradientHealth {

    private GradientHealth() {
    }

    /** Number of examples whose gradient is all zero or contains NaN or infinity. */
    static int countZeroOrNonFinite(INDArray gradient) {
        float[][] g = Logits.rows(gradient.reshape(gradient.size(0), -1));
        int bad = 0;
        for (float[] row : g) {
            boolean allZero = true;
            boolean finite = true;
            for (float v : row) {
                allZero &= v == 0f;
                finite &= Float.isFinite(v);
            }
            bad += allZero || !finite ? 1 : 0;
        }
        return bad;
    }
}
