package org.advlens.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.job.CancellationToken;
import org.advlens.train.FashionMnistTrainer;
import org.advlens.train.TrainingOptions;
import org.advlens.train.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code advlens train}: trains the Fashion-MNIST CNN that AdvLens bundles, with progress on standard error. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Train the Fashion-MNIST CNN (the bundled model's recipe) and save it as "
                + "a DL4J zip.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data (default: "
            + TrainingOptions.DEFAULT_EPOCHS + ")")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "minibatch size (default: "
            + TrainingOptions.DEFAULT_BATCH_SIZE + ")")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", description = "seed of initialisation and shuffling (default: "
            + TrainingOptions.DEFAULT_SEED + ")")
    Long seed;

    @Option(names = "--lr", paramLabel = "R", description = "Adam learning rate (default: "
            + TrainingOptions.DEFAULT_LEARNING_RATE + ")")
    Double learningRate;

    @Option(names = "--limit", paramLabel = "N", description = "train on only the first N training images")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "evaluate on only the first N test images")
    Integer testLimit;

    @Option(names = "--data", paramLabel = "DIR",
            description = "folder with the four Fashion-MNIST IDX .gz files (default: /usr/share/datasets/fashion-mnist,"
                    + " from the Debian package dataset-fashion-mnist)")
    Path dataDir;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "model zip to write")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainingOptions o = TrainingOptions.defaults();
        if (epochs != null) {
            o = o.withEpochs(epochs);
        }
        if (batch != null) {
            o = o.withBatchSize(batch);
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        if (learningRate != null) {
            o = o.withLearningRate(learningRate);
        }
        if (limit != null || testLimit != null) {
            o = o.withLimits(limit == null ? 0 : limit, testLimit == null ? 0 : testLimit);
        }
        if (dataDir != null) {
            o = o.withDataDir(dataDir);
        }
        if (!java.nio.file.Files.isDirectory(o.dataDir())) {
            throw new IllegalArgumentException("Fashion-MNIST not found in " + o.dataDir() + "; install the Debian "
                    + "package dataset-fashion-mnist or give --data DIR");
        }
        TrainingReport r = FashionMnistTrainer.train(o, out, new StderrProgress(spec.commandLine().getErr(), "train "),
                CancellationToken.create());
        spec.commandLine().getOut().printf(Locale.ROOT,
                "trained %s: test accuracy %.4f on %d images (%d training images, %d epochs, batch %d, lr %s, seed %d)"
                        + " in %d s; wrote %s (sha256 %s)%n",
                FashionMnistTrainer.MODEL_NAME, r.testAccuracy(), r.testImages(), r.trainImages(), r.epochs(),
                o.batchSize(), o.learningRate(), r.seed(), r.duration().toSeconds(), r.modelFile(), r.sha256());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
