package org.advlens.saliency.faithfulness;

import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The target class's probability or logit for a batch of flattened images, in one forward pass. */
final class ModelScores {

    private ModelScores() {
    }

    /** Softmax probability of {@code target} for each of the {@code n} images in {@code batch} (NCHW, flat). */
    static double[] probabilities(Classifier model, float[] batch, int n, int target) {
        return scores(model, batch, n, target, true);
    }

    /** Logit of {@code target} for each of the {@code n} images in {@code batch}. */
    static double[] logits(Classifier model, float[] batch, int n, int target) {
        return scores(model, batch, n, target, false);
    }

    private static double[] scores(Classifier model, float[] batch, int n, int target, boolean probability) {
        InputSpec spec = model.inputSpec();
        INDArray x = Nd4j.create(batch, spec.shape(n), 'c');
        INDArray z = model.logits(x);
        float[][] rows = probability ? Logits.softmaxRows(z) : Logits.rows(z);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rows[i][target];
        }
        return out;
    }
}
