package org.advlens.saliency.sanity;

import java.time.Duration;

/**
 * The outcome of the data randomization test: the maps of the trained model and of a copy of its architecture
 * trained on permuted labels, compared per method ({@link SanityCheckResult} with two steps), and how well the
 * copy learned its meaningless labels.
 *
 * @param comparison the maps and similarities; step 0 the original model, step 1 the permuted-label model
 * @param permutedTrainAccuracy the copy's accuracy on its permuted training labels at the end of training
 *                              (memorisation; chance is about 0.1)
 * @param permutedModelAccuracy the copy's accuracy on the explained images' true labels, or {@code NaN} when they
 *                              have none (near chance: it learned nothing about the real task)
 * @param trainImages number of training images
 * @param epochs training epochs
 * @param trainingTime wall-clock training time
 */
public record DataRandomizationResult(SanityCheckResult comparison, double permutedTrainAccuracy,
                                      double permutedModelAccuracy, int trainImages, int epochs,
                                      Duration trainingTime) {

    public DataRandomizationResult {
        if (comparison == null || trainingTime == null) {
            throw new IllegalArgumentException("comparison and training time are required");
        }
        if (!(permutedTrainAccuracy >= 0 && permutedTrainAccuracy <= 1)) {
            throw new IllegalArgumentException("train accuracy must be in [0, 1], got " + permutedTrainAccuracy);
        }
        if (trainImages < 1 || epochs < 1) {
            throw new IllegalArgumentException("need at least one training image and epoch, got " + trainImages
                    + " and " + epochs);
        }
    }
}
