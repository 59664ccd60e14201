package org.advlens.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.counterfactual.AutoencoderOptions;
import org.advlens.counterfactual.AutoencoderReport;
import org.advlens.counterfactual.AutoencoderTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens train-generator}: trains the convolutional autoencoder that on-manifold counterfactuals move in,
 * on Fashion-MNIST (the bundled one's recipe) or on the user's own data fitted to their model's input.
 */
@Command(name = "train-generator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Train the autoencoder (generative model) for on-manifold counterfactuals "
                + "and save it as a DL4J zip.")
final class TrainGeneratorCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--data", paramLabel = "PATH",
            description = "training images: IDX file or class folder, fitted to the model's input (default: the "
                    + "Fashion-MNIST training set from /usr/share/datasets/fashion-mnist)")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX label file for an IDX --data file")
    Path labels;

    @Option(names = "--latent", paramLabel = "N", description = "code size (default: "
            + AutoencoderOptions.DEFAULT_LATENT_SIZE + ")")
    Integer latent;

    @Option(names = "--filters", paramLabel = "N", description = "filters of the outer convolutions; the ones next to "
            + "the code get twice as many (default: " + AutoencoderOptions.DEFAULT_FILTERS + ")")
    Integer filters;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training images (default: "
            + AutoencoderOptions.DEFAULT_EPOCHS + ")")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "minibatch size (default: "
            + AutoencoderOptions.DEFAULT_BATCH_SIZE + ")")
    Integer batch;

    @Option(names = "--lr", paramLabel = "R", description = "Adam learning rate (default: "
            + AutoencoderOptions.DEFAULT_LEARNING_RATE + ")")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "S", description = "seed of initialisation and shuffling (default: "
            + AutoencoderOptions.DEFAULT_SEED + ")")
    Long seed;

    @Option(names = "--limit", paramLabel = "N", description = "train on only the first N images, 0 for all "
            + "(default: " + AutoencoderOptions.DEFAULT_TRAIN_LIMIT + ")")
    Integer limit;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "autoencoder zip to write")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AutoencoderOptions o = AutoencoderOptions.defaults();
        if (latent != null) {
            o = o.withLatentSize(latent);
        }
        if (filters != null) {
            o = o.withFilters(filters);
        }
        if (epochs != null) {
            o = o.withEpochs(epochs);
        }
        if (batch != null) {
            o = o.withBatchSize(batch);
        }
        if (learningRate != null) {
            o = o.withLearningRate(learningRate);
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        if (limit != null) {
            o = o.withTrainLimit(limit);
        }
        InputSpec input;
        try (Classifier classifier = model.load()) {
            input = classifier.inputSpec();
        }
        LabelledDataset train;
        LabelledDataset test;
        if (data == null) {
            if (labels != null) {
                throw new IllegalArgumentException("--labels needs --data (the IDX image file they belong to)");
            }
            if (!Files.isDirectory(FashionMnist.DEBIAN_DIR)) {
                throw new IllegalArgumentException("Fashion-MNIST not found in " + FashionMnist.DEBIAN_DIR
                        + "; install the Debian package dataset-fashion-mnist or give --data");
            }
            train = Datasets.fit(FashionMnist.train(FashionMnist.DEBIAN_DIR), input);
            test = Datasets.fit(FashionMnist.test(FashionMnist.DEBIAN_DIR), input);
        } else {
            CliFiles.requireExisting(data, "data");
            AutoencoderTrainer.Split split = AutoencoderTrainer.Split.of(Datasets.load(data, labels, input));
            train = split.train();
            test = split.test();
        }
        AutoencoderReport r = new AutoencoderTrainer(o, train, test, input, out)
                .run(new StderrProgress(spec.commandLine().getErr(), "train-generator "), CancellationToken.create());
        spec.commandLine().getOut().printf(Locale.ROOT,
                "trained an autoencoder (code size %d, %d parameters): test reconstruction MSE %.5f on %d images "
                        + "(%d training images, %d epochs, batch %d, lr %s, seed %d) in %d s; wrote %s (sha256 %s)%n",
                o.latentSize(), r.parameterCount(), r.testReconstructionMse(), r.testImages(), r.trainImages(),
                o.epochs(), o.batchSize(), o.learningRate(), o.seed(), r.duration().toSeconds(), r.modelFile(),
                r.sha256());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
