package org.advlens.saliency.faithfulness;

import java.util.SplittableRandom;
import org.advlens.model.Classifier;

/**
 * ROAD, RemOve And Debias (Rong et al., ICML 2022): the deletion curve with the removed pixels filled by
 * {@link NoisyLinearImputation} instead of a constant, most relevant first (MoRF). At step {@code k} of
 * {@code steps} the first {@code round(k * P / steps)} positions of the order are imputed, afresh from the original
 * image; the curve holds the target class's softmax probability at steps {@code 0..steps}. A smaller area means a
 * more faithful ranking.
 */
public final class RoadCurve {

    private RoadCurve() {
    }

    /**
     * @param image {@code channels x height x width} values in pixel space
     * @param order positions ({@code height x width}) in removal order
     */
    public static double[] mostRelevantFirst(Classifier model, float[] image, int channels, int height, int width,
                                             int target, int[] order, int steps,
                                             NoisyLinearImputation.Options imputation, SplittableRandom random) {
        int positions = height * width;
        if (order.length != positions) {
            throw new IllegalArgumentException("the order has " + order.length + " positions, the image "
                    + positions);
        }
        PixelFlipping.checkSteps(steps, positions);
        int size = image.length;
        float[] batch = new float[(steps + 1) * size];
        boolean[] removed = new boolean[positions];
        int done = 0;
        for (int k = 0; k <= steps; k++) {
            int until = PixelRanking.changedAt(k, steps, positions);
            for (; done < until; done++) {
                removed[order[done]] = true;
            }
            float[] imputed = done == 0 ? image
                    : NoisyLinearImputation.impute(image, channels, height, width, removed, imputation, random);
            System.arraycopy(imputed, 0, batch, k * size, size);
        }
        return ModelScores.probabilities(model, batch, steps + 1, target);
    }
}
