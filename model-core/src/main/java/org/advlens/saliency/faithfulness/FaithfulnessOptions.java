package org.advlens.saliency.faithfulness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.saliency.similarity.SimilarityMetric;

/**
 * Settings of a faithfulness evaluation.
 *
 * @param steps steps of the deletion, insertion and ROAD curves (each has {@code steps + 1} points), in [1, 10000]
 * @param roadNoise standard deviation of ROAD's imputation noise as a fraction of the input range, in [0, 1]
 * @param subsets random subsets for the faithfulness correlation, in [2, 100000]
 * @param subsetFraction share of the pixel positions in each subset, in (0, 1]
 * @param sensitivitySamples noisy inputs per image for the sensitivities, in [1, 10000]
 * @param sensitivityRadius radius of the uniform noise as a fraction of the input range, in (0, 1]
 * @param similarity how the random-logit test compares maps
 * @param seed seed of every random choice (orders, subsets, noise, the other class)
 */
public record FaithfulnessOptions(int steps, double roadNoise, int subsets, double subsetFraction,
                                  int sensitivitySamples, double sensitivityRadius, SimilarityMetric similarity,
                                  long seed) {

    public FaithfulnessOptions {
        if (steps < 1 || steps > 10_000) {
            throw new IllegalArgumentException("steps must be in [1, 10000], got " + steps);
        }
        if (!(roadNoise >= 0 && roadNoise <= 1)) {
            throw new IllegalArgumentException("ROAD noise must be in [0, 1] of the input range, got " + roadNoise);
        }
        if (subsets < 2 || subsets > 100_000) {
            throw new IllegalArgumentException("subsets must be in [2, 100000], got " + subsets);
        }
        if (!(subsetFraction > 0 && subsetFraction <= 1)) {
            throw new IllegalArgumentException("subset fraction must be in (0, 1], got " + subsetFraction);
        }
        if (sensitivitySamples < 1 || sensitivitySamples > 10_000) {
            throw new IllegalArgumentException("sensitivity samples must be in [1, 10000], got "
                    + sensitivitySamples);
        }
        if (!(sensitivityRadius > 0 && sensitivityRadius <= 1)) {
            throw new IllegalArgumentException("sensitivity radius must be in (0, 1] of the input range, got "
                    + sensitivityRadius);
        }
        if (similarity == null) {
            throw new IllegalArgumentException("similarity metric must not be null");
        }
    }

    /** 20 steps, ROAD noise 0.01, 50 subsets of 10 %, 10 sensitivity samples of radius 0.02, SSIM, seed 0. */
    public static FaithfulnessOptions defaults() {
        return new FaithfulnessOptions(20, 0.01, 50, 0.1, 10, 0.02, SimilarityMetric.SSIM, 0);
    }

    /** The settings by name, for provenance. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("steps", steps);
        p.put("baseline", "input lower bound");
        p.put("road_noise", roadNoise);
        p.put("subsets", subsets);
        p.put("subset_fraction", subsetFraction);
        p.put("sensitivity_samples", sensitivitySamples);
        p.put("sensitivity_radius", sensitivityRadius);
        p.put("random_logit_similarity", similarity.key());
        p.put("seed", seed);
        return p;
    }
}
