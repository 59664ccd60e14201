package org.advlens.counterfactual;

import org.advlens.model.Logits;
import org.advlens.data.Images;
import org.advlens.model.Classifier;

/** Choices of target class for counterfactuals over many images. */
public final class Targets {

    private Targets() {
    }

    /**
     * Each image's second most likely class under {@code model}: the nearest other class, the natural question
     * "what would make it the runner-up?" and the target used for the aggregate figures.
     */
    public static int[] secondMostLikely(Classifier model, Images images) {
        if (model.classNames().size() < 2) {
            throw new IllegalArgumentException("a second most likely class needs at least two classes, the model has "
                    + model.classNames().size());
        }
        float[][] p = Logits.rows(model.probabilities(images.toArray()));
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int first = 0;
            for (int c = 1; c < p[i].length; c++) {
                first = p[i][c] > p[i][first] ? c : first;
            }
            int second = first == 0 ? 1 : 0;
            for (int c = 0; c < p[i].length; c++) {
                second = c != first && p[i][c] > p[i][second] ? c : second;
            }
            out[i] = second;
        }
        return out;
    }
}
