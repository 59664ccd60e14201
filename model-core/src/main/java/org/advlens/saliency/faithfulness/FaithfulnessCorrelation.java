package org.advlens.saliency.faithfulness;

import java.util.SplittableRandom;
import org.advlens.model.Classifier;

/**
 * Faithfulness correlation (Bhatt, Weller and Moura, "Evaluating and Aggregating Feature-based Model
 * Explanations", IJCAI 2020): over random subsets of pixel positions, the Pearson correlation between the sum of
 * the map over the subset and the drop in the target logit when the subset is set to the baseline,
 * {@code z_t(x) - z_t(x with the subset at the baseline)}. The logit rather than the probability is used so that
 * a linear model's exact Gradient x Input map scores exactly 1 with a zero baseline. Subsets whose drops or sums
 * are all equal give 0.
 */
public final class FaithfulnessCorrelation {

    private FaithfulnessCorrelation() {
    }

    /**
     * @param image {@code channels x height x width} values in pixel space
     * @param plane the map summed over channels, {@code height x width} values
     * @param subsets how many random subsets, {@code >= 2}
     * @param subsetSize positions per subset, in {@code [1, height * width]}
     */
    public static double of(Classifier model, float[] image, float[] plane, int target, int subsets, int subsetSize,
                            float baseline, SplittableRandom random) {
        int positions = plane.length;
        if (subsets < 2) {
            throw new IllegalArgumentException("faithfulness correlation needs at least 2 subsets, got " + subsets);
        }
        if (subsetSize < 1 || subsetSize > positions) {
            throw new IllegalArgumentException("subset size must be in [1, " + positions + "], got " + subsetSize);
        }
        if (image.length % positions != 0) {
            throw new IllegalArgumentException("an image of " + image.length + " values does not fit a map of "
                    + positions + " positions");
        }
        int channels = image.length / positions;
        int size = image.length;
        float[] batch = new float[(subsets + 1) * size];
        System.arraycopy(image, 0, batch, 0, size);
        double[] attributed = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            int[] order = PixelRanking.random(positions, random);
            int offset = (s + 1) * size;
            System.arraycopy(image, 0, batch, offset, size);
            double sum = 0;
            for (int i = 0; i < subsetSize; i++) {
                int p = order[i];
                sum += plane[p];
                for (int c = 0; c < channels; c++) {
                    batch[offset + c * positions + p] = baseline;
                }
            }
            attributed[s] = sum;
        }
        double[] z = ModelScores.logits(model, batch, subsets + 1, target);
        double[] drop = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            drop[s] = z[0] - z[s + 1];
        }
        return Statistics.pearson(attributed, drop);
    }
}
