package org.advlens.counterfactual;

/**
 * Hyperparameters of one autoencoder training run.
 *
 * @param latentSize size of the code (at least 2)
 * @param epochs passes over the training images (at least 1)
 * @param batchSize examples per minibatch (at least 1)
 * @param learningRate Adam step size, in (0, 1]
 * @param seed seed for weight initialisation and shuffling
 * @param trainLimit use only the first this many training images; 0 for all
 * @param filters filters of the first convolution and the last hidden transposed convolution; the layers next to
 *     the code have twice as many (in [1, 256])
 */
public record AutoencoderOptions(int latentSize, int epochs, int batchSize, double learningRate, long seed,
                                 int trainLimit, int filters) {

    /** Code size of the bundled autoencoder. */
    public static final int DEFAULT_LATENT_SIZE = 32;
    /** Default epochs: 3, a quicker first generator (the bundled one had 10). */
    public static final int DEFAULT_EPOCHS = 3;
    /** Minibatch size of the bundled autoencoder. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** Adam learning rate of the bundled autoencoder. */
    public static final double DEFAULT_LEARNING_RATE = 2e-3;
    /** Seed of the bundled autoencoder. */
    public static final long DEFAULT_SEED = 20261122L;
    /** Training images of the bundled autoencoder: 0, all 60,000 Fashion-MNIST training images. */
    public static final int DEFAULT_TRAIN_LIMIT = 0;
    /** Base filter count of the bundled autoencoder. */
    public static final int DEFAULT_FILTERS = 16;

    public AutoencoderOptions {
        if (latentSize < 2 || latentSize > 4096) {
            throw new IllegalArgumentException("latentSize must be in [2, 4096], got " + latentSize);
        }
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
        if (filters < 1 || filters > 256) {
            throw new IllegalArgumentException("filters must be in [1, 256], got " + filters);
        }
    }

    /** The settings of the bundled autoencoder, except that it was trained for 10 epochs. */
    public static AutoencoderOptions defaults() {
        return new AutoencoderOptions(DEFAULT_LATENT_SIZE, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE,
                DEFAULT_SEED, DEFAULT_TRAIN_LIMIT, DEFAULT_FILTERS);
    }

    public AutoencoderOptions withLatentSize(int value) {
        return new AutoencoderOptions(value, epochs, batchSize, learningRate, seed, trainLimit, filters);
    }

    public AutoencoderOptions withEpochs(int value) {
        return new AutoencoderOptions(latentSize, value, batchSize, learningRate, seed, trainLimit, filters);
    }

    public AutoencoderOptions withBatchSize(int value) {
        return new AutoencoderOptions(latentSize, epochs, value, learningRate, seed, trainLimit, filters);
    }

    public AutoencoderOptions withLearningRate(double value) {
        return new AutoencoderOptions(latentSize, epochs, batchSize, value, seed, trainLimit, filters);
    }

    public AutoencoderOptions withSeed(long value) {
        return new AutoencoderOptions(latentSize, epochs, batchSize, learningRate, value, trainLimit, filters);
    }

    public AutoencoderOptions withTrainLimit(int value) {
        return new AutoencoderOptions(latentSize, epochs, batchSize, learningRate, seed, value, filters);
    }

    public AutoencoderOptions withFilters(int value) {
        return new AutoencoderOptions(latentSize, epochs, batchSize, learningRate, seed, trainLimit, value);
    }
}
