package org.advlens.train;

import java.nio.file.Path;

/**
 * Hyperparameters and data of one training run.
 *
 * @param epochs passes over the training data (at least 1)
 * @param batchSize examples per minibatch (at least 1)
 * @param learningRate Adam step size, in (0, 1]
 * @param seed seed for weight initialisation and shuffling
 * @param trainLimit use only the first this many training images; 0 for all
 * @param testLimit evaluate on only the first this many test images; 0 for all
 * @param dataDir folder holding the four Fashion-MNIST IDX {@code .gz} files
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, long seed, int trainLimit,
                              int testLimit, Path dataDir) {

    /** Epochs of the bundled model. */
    public static final int DEFAULT_EPOCHS = 8;
    /** Minibatch size of the bundled model. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** Adam learning rate of the bundled model. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Seed of the bundled model. */
    public static final long DEFAULT_SEED = 20261122L;

    public TrainingOptions {
        if (epochs < 1 || epochs > 1000) {
            throw new IllegalArgumentException("epochs must be in [1, 1000], got " + epochs);
        }
        if (batchSize < 1 || batchSize > 60_000) {
            throw new IllegalArgumentException("batchSize must be in [1, 60000], got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        if (trainLimit < 0) {
            throw new IllegalArgumentException("trainLimit must be 0 (all) or positive, got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("testLimit must be 0 (all) or positive, got " + testLimit);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir must not be null");
        }
    }

    /** The settings of the bundled model, reading the data from the Debian package's folder. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_SEED, 0, 0,
                org.advlens.data.FashionMnist.DEBIAN_DIR);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(value, batchSize, learningRate, seed, trainLimit, testLimit, dataDir);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(epochs, batchSize, learningRate, value, trainLimit, testLimit, dataDir);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(epochs, value, learningRate, seed, trainLimit, testLimit, dataDir);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(epochs, batchSize, value, seed, trainLimit, testLimit, dataDir);
    }

    public TrainingOptions withLimits(int train, int test) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, train, test, dataDir);
    }

    public TrainingOptions withDataDir(Path value) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, trainLimit, testLimit, value);
    }
}
