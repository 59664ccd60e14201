package org.advlens.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Hyperparameters and data of one training run.
 *
 * @param epochs passes over the training data (at least 1)
 * @param batchSize examples per minibatch (at least 1)
 * @param learningRate Adam step size, in (0, 1]
 * @param seed seed for weight initialisation and shuffling
 * @param trainLimit use only the first this many training images; 0 for all
 * @param testLimit evaluate on only the first this many test images; 0 for all
 * @param dataDir folder of the training and held-out images: the four Fashion-MNIST IDX files, or any data in a
 *                layout {@link TrainingData} reads
 * @param method standard or adversarial training
 * @param robustImages held-out images on which robust accuracy (PGD-20 at the training epsilon) is measured after
 *                     each epoch; 0 to skip (the default for standard training)
 * @param keepBestRobust whether the saved network is the epoch with the best robust accuracy rather than the last
 *                       (early stopping against robust overfitting, Rice, Wong and Kolter, ICML 2020)
 * @param excludedClasses classes left out of both splits, for a model that has never seen them (an
 *                        out-of-distribution split); the model keeps an output for each
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, long seed, int trainLimit,
                              int testLimit, Path dataDir, TrainingMethod method, int robustImages,
                              boolean keepBestRobust, List<Integer> excludedClasses) {

    /** Held-out images of the robust accuracy after each epoch of adversarial training. */
    public static final int DEFAULT_ROBUST_IMAGES = 500;

    /** Standard training with these settings. */
    public TrainingOptions(int epochs, int batchSize, double learningRate, long seed, int trainLimit, int testLimit,
                           Path dataDir) {
        this(epochs, batchSize, learningRate, seed, trainLimit, testLimit, dataDir, TrainingMethod.standard(), 0,
                false, List.of());
    }

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
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (robustImages < 0) {
            throw new IllegalArgumentException("robustImages must be 0 (skip) or positive, got " + robustImages);
        }
        if (robustImages > 0 && !method.adversarial()) {
            throw new IllegalArgumentException("robust accuracy is measured at the training epsilon: it needs an"
                    + " adversarial method, got " + method.kind().label());
        }
        if (excludedClasses == null || excludedClasses.stream().anyMatch(c -> c == null || c < 0)) {
            throw new IllegalArgumentException("excluded classes must be class indices (0 or more), got "
                    + excludedClasses);
        }
        excludedClasses = List.copyOf(new java.util.TreeSet<>(excludedClasses));
        if (keepBestRobust && robustImages == 0) {
            throw new IllegalArgumentException("keeping the best robust epoch needs robust accuracy after each epoch"
                    + " (robustImages > 0)");
        }
    }

    /** The settings of the bundled model, reading the data from the Debian package's folder. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_SEED, 0, 0,
                org.advlens.data.FashionMnist.DEBIAN_DIR);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(value, batchSize, learningRate, seed, trainLimit, testLimit, dataDir, method, robustImages,
                keepBestRobust, excludedClasses);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(epochs, batchSize, learningRate, value, trainLimit, testLimit, dataDir, method, robustImages,
                keepBestRobust, excludedClasses);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(epochs, value, learningRate, seed, trainLimit, testLimit, dataDir, method, robustImages,
                keepBestRobust, excludedClasses);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(epochs, batchSize, value, seed, trainLimit, testLimit, dataDir, method, robustImages,
                keepBestRobust, excludedClasses);
    }

    public TrainingOptions withLimits(int train, int test) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, train, test, dataDir, method, robustImages,
                keepBestRobust, excludedClasses);
    }

    public TrainingOptions withDataDir(Path value) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, trainLimit, testLimit, value, method, robustImages,
                keepBestRobust, excludedClasses);
    }

    /**
     * Trains with {@code value}; an adversarial method measures robust accuracy on {@link #DEFAULT_ROBUST_IMAGES}
     * held-out images after each epoch unless set otherwise, a standard one does not.
     */
    public TrainingOptions withMethod(TrainingMethod value) {
        int robust = value.adversarial() ? (robustImages > 0 ? robustImages : DEFAULT_ROBUST_IMAGES) : 0;
        return new TrainingOptions(epochs, batchSize, learningRate, seed, trainLimit, testLimit, dataDir, value,
                robust, keepBestRobust && robust > 0, excludedClasses);
    }

    /** These options with {@code classes} left out of training and evaluation. */
    public TrainingOptions withExcludedClasses(List<Integer> classes) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, trainLimit, testLimit, dataDir, method,
                robustImages, keepBestRobust, classes);
    }

    public TrainingOptions withRobustEvaluation(int images, boolean keepBest) {
        return new TrainingOptions(epochs, batchSize, learningRate, seed, trainLimit, testLimit, dataDir, method,
                images, keepBest, excludedClasses);
    }
}
