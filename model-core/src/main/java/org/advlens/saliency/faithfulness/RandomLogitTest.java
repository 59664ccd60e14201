package org.advlens.saliency.faithfulness;

import java.util.SplittableRandom;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.similarity.SimilarityMetric;

/**
 * The random-logit test (Sixt, Granz and Landgraf, "When Explanations Lie: Why Many Modified BP Attributions
 * Fail", ICML 2020): a method that explains the class it is asked about should give a different map for a random
 * other class. The score is the similarity, by one of the sanity checks' {@link SimilarityMetric}s, of the map for
 * the explained class and the map for a class drawn uniformly from the others; lower is better, and a value near 1
 * says the map ignores the class.
 */
public final class RandomLogitTest {

    private RandomLogitTest() {
    }

    /** A class drawn uniformly from {@code [0, classes)} without {@code target}. */
    public static int otherClass(int target, int classes, SplittableRandom random) {
        if (classes < 2) {
            throw new IllegalArgumentException("the random-logit test needs at least 2 classes, got " + classes);
        }
        if (target < 0 || target >= classes) {
            throw new IllegalArgumentException("target class " + target + " is outside [0, " + classes + ")");
        }
        int k = random.nextInt(classes - 1);
        return k >= target ? k + 1 : k;
    }

    /** Similarity of image {@code index}'s map for its class and for the other class. */
    public static double similarity(SaliencyMap explained, SaliencyMap other, int index, SimilarityMetric metric) {
        return metric.compare(explained, other, index);
    }
}
