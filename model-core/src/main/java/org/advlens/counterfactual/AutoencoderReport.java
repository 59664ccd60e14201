package org.advlens.counterfactual;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What an autoencoder training run produced, for the model card and for provenance.
 *
 * @param testReconstructionMse mean squared reconstruction error on the test images, in units of the pixel range
 *     squared
 * @param testImages number of test images measured
 * @param trainImages number of training images used per epoch
 * @param trainData where the training images came from
 * @param options the options of the run
 * @param duration wall-clock time of training and evaluation
 * @param finishedAt when the file was written
 * @param modelFile the written zip
 * @param sha256 SHA-256 of the zip
 * @param parameterCount number of trainable parameters
 */
public record AutoencoderReport(double testReconstructionMse, int testImages, int trainImages, String trainData,
                                AutoencoderOptions options, Duration duration, Instant finishedAt, Path modelFile,
                                String sha256, long parameterCount) {

    public AutoencoderReport {
        if (!(testReconstructionMse >= 0)) {
            throw new IllegalArgumentException("testReconstructionMse must be >= 0, got " + testReconstructionMse);
        }
        if (options == null || duration == null || finishedAt == null || modelFile == null || sha256 == null) {
            throw new IllegalArgumentException("options, duration, finishedAt, modelFile and sha256 are required");
        }
    }
}
