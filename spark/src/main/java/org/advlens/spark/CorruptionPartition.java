package org.advlens.spark;

import java.io.Serializable;

/**
 * What a task returns for its partition of a corruption evaluation: per image, whether the model (and the baseline
 * model) got it wrong, clean and under each corruption and severity; never images.
 *
 * @param dataName the data set's name, as the engine's loader gives it
 * @param dataSource where the data came from, as the engine's loader gives it
 * @param from the data-set index of the first image
 * @param cleanWrong per image: the model is wrong on the clean image
 * @param baselineCleanWrong the same for the baseline model, or {@code null} without one
 * @param wrong per (corruption, severity) in the options' order, per image: the model is wrong
 * @param baselineWrong the same for the baseline model, or {@code null} without one
 * @param corruptSeconds time the task spent corrupting images
 * @param classifySeconds time the task spent in forward passes
 */
record CorruptionPartition(String dataName, String dataSource, int from, boolean[] cleanWrong,
                           boolean[] baselineCleanWrong, boolean[][] wrong, boolean[][] baselineWrong,
                           double corruptSeconds, double classifySeconds) implements Serializable {

    int size() {
        return cleanWrong.length;
    }
}
