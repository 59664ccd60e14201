package org.advlens.train;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What a training run produced, for the model card and for provenance.
 *
 * @param testAccuracy fraction of test images classified correctly, in [0, 1]
 * @param testImages number of test images evaluated
 * @param trainImages number of training images used per epoch
 * @param options the options the run used (epochs, batch size, learning rate, seed, data)
 * @param duration wall-clock time of training and evaluation
 * @param finishedAt when the model file was written
 * @param modelFile the written model zip
 * @param sha256 SHA-256 of the model zip
 * @param parameterCount number of trainable parameters
 * @param history what each epoch measured, in order
 * @param savedEpoch the epoch whose network was saved (the last, or the best robust one)
 */
public record TrainingReport(double testAccuracy, int testImages, int trainImages, TrainingOptions options,
                             Duration duration, Instant finishedAt, Path modelFile, String sha256,
                             long parameterCount, java.util.List<EpochMetrics> history, int savedEpoch) {

    public TrainingReport {
        if (!(testAccuracy >= 0 && testAccuracy <= 1)) {
            throw new IllegalArgumentException("testAccuracy must be in [0, 1], got " + testAccuracy);
        }
        if (testImages < 1 || trainImages < 1) {
            throw new IllegalArgumentException("need at least one training and one test image, got "
                    + trainImages + " and " + testImages);
        }
        if (options == null || duration == null || finishedAt == null || modelFile == null || sha256 == null) {
            throw new IllegalArgumentException("options, duration, finishedAt, modelFile and sha256 are required");
        }
        history = java.util.List.copyOf(history);
        if (savedEpoch < 1 || savedEpoch > options.epochs()) {
            throw new IllegalArgumentException("savedEpoch must be in [1, " + options.epochs() + "], got " + savedEpoch);
        }
    }

    public int epochs() {
        return options.epochs();
    }

    public long seed() {
        return options.seed();
    }

    /** The saved epoch's robust accuracy, or NaN when it was not measured. */
    public double robustAccuracy() {
        return history.stream().filter(m -> m.epoch() == savedEpoch).mapToDouble(EpochMetrics::robustAccuracy)
                .findFirst().orElse(Double.NaN);
    }
}
