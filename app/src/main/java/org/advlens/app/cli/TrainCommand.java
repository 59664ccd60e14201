package org.advlens.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.attack.Norm;
import org.advlens.job.CancellationToken;
import org.advlens.train.FashionMnistTrainer;
import org.advlens.train.EpochMetrics;
import org.advlens.train.TrainingMethod;
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
            description = "training data: a folder with the four IDX files of a train and a test split (as"
                    + " Fashion-MNIST ships; class names from a classes.txt beside them), or with train/ and test/"
                    + " folders of one sub-folder per class (default: /usr/share/datasets/fashion-mnist, from the"
                    + " Debian package dataset-fashion-mnist)")
    Path dataDir;

    @Option(names = "--exclude-classes", paramLabel = "C[,C...]", split = ",",
            description = "class indices left out of training and evaluation, e.g. 8,9: a model that has never seen"
                    + " them, for out-of-distribution tests")
    java.util.List<Integer> excludeClasses;

    @Option(names = "--method", paramLabel = "M", defaultValue = "standard", description = "standard, pgd-at (PGD"
            + " adversarial training, Madry et al. 2018), fast-at (FGSM with a random start, Wong et al. 2020), noise"
            + " (Gaussian noise, for randomized smoothing, Cohen et al. 2019), mixup (Zhang et al. 2018), manifold-mixup (Verma et al. 2019), trades"
            + " (Zhang et al. 2019) or distillation (defensive distillation, Papernot et al. 2016); default: standard")
    String method;

    @Option(names = "--noise-sigma", paramLabel = "S", defaultValue = "0.25",
            description = "with noise: the noise's standard deviation in pixel units (default: 0.25)")
    double noiseSigma;

    @Option(names = "--mixup-alpha", paramLabel = "A", defaultValue = "0.4",
            description = "with mixup or manifold-mixup: lambda ~ Beta(A, A) (default: 0.4)")
    double mixupAlpha;

    @Option(names = "--mixup-layers", paramLabel = "K[,K...]", split = ",", defaultValue = "0,2,4",
            description = "with manifold-mixup: the layers at whose input a minibatch may be mixed, one drawn per"
                    + " minibatch; 0 is the image, 2 the second convolution's input, 4 the dense layer's (default:"
                    + " 0,2,4)")
    java.util.List<Integer> mixupLayers;

    @Option(names = "--trades-beta", paramLabel = "B", defaultValue = "" + TrainingMethod.TRADES_BETA,
            description = "with trades: the weight of the KL term (default: " + TrainingMethod.TRADES_BETA + ")")
    double tradesBeta;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + TrainingMethod.DISTILLATION_TEMPERATURE,
            description = "with distillation: the softmax temperature of teacher and student (default: "
                    + TrainingMethod.DISTILLATION_TEMPERATURE + ")")
    double temperature;

    @Option(names = "--parseval-beta", paramLabel = "B", defaultValue = "0",
            description = "with any method: Parseval regularisation (Cisse et al. 2017), the retraction step towards"
                    + " orthonormal weight rows after each update, e.g. 0.0003; 0 for none (default)")
    double parsevalBeta;

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0.1",
            description = "with pgd-at, fast-at or trades: the perturbation budget in pixel units (default: 0.1)")
    double epsilon;

    @Option(names = "--norm", paramLabel = "N", defaultValue = "linf", description = "linf or l2 (default: linf)")
    String norm;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + TrainingMethod.PGD_STEPS,
            description = "with pgd-at or trades: attack steps per minibatch (default: " + TrainingMethod.PGD_STEPS + ")")
    int steps;

    @Option(names = "--step-size", paramLabel = "R", defaultValue = "" + TrainingMethod.PGD_RELATIVE_STEP,
            description = "with pgd-at or trades: step size as a fraction of eps (default: " + TrainingMethod.PGD_RELATIVE_STEP
                    + "; fast-at uses " + TrainingMethod.FAST_RELATIVE_STEP + ")")
    double stepSize;

    @Option(names = "--robust-images", paramLabel = "N", description = "with pgd-at, fast-at or trades: held-out images on"
            + " which PGD-20 robust accuracy is measured after each epoch, 0 to skip (default: "
            + TrainingOptions.DEFAULT_ROBUST_IMAGES + ")")
    Integer robustImages;

    @Option(names = "--keep-best-robust", description = "save the epoch with the best robust accuracy instead of the"
            + " last (early stopping against robust overfitting)")
    boolean keepBestRobust;

    @Option(names = "--resume", description = "continue from the checkpoint a cancelled or killed run with the same"
            + " settings left beside --out (FILE.checkpoint/, written after every epoch)")
    boolean resume;

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
        o = o.withMethod(method());
        if (excludeClasses != null) {
            o = o.withExcludedClasses(excludeClasses);
        }
        if (robustImages != null || keepBestRobust) {
            o = o.withRobustEvaluation(robustImages != null ? robustImages : o.robustImages(), keepBestRobust);
        }
        if (!java.nio.file.Files.isDirectory(o.dataDir())) {
            throw new IllegalArgumentException("no training data in " + o.dataDir() + "; install the Debian "
                    + "package dataset-fashion-mnist or give --data DIR");
        }
        TrainingReport r = new FashionMnistTrainer(o, out, m -> { }, resume).run(
                new StderrProgress(spec.commandLine().getErr(), "train "), CancellationToken.create());
        spec.commandLine().getOut().printf(Locale.ROOT,
                "trained on %s: test accuracy %.4f on %d images (%d training images, %d epochs, batch %d, lr %s, seed %d)"
                        + " in %d s; wrote %s (sha256 %s)%n",
                o.dataDir().getFileName(), r.testAccuracy(), r.testImages(), r.trainImages(), r.epochs(),
                o.batchSize(), o.learningRate(), r.seed(), r.duration().toSeconds(), r.modelFile(), r.sha256());
        for (EpochMetrics m : r.history()) {
            spec.commandLine().getOut().printf(Locale.ROOT, "epoch %d: loss %.4f, held-out accuracy %.4f%s%n",
                    m.epoch(), m.meanLoss(), m.cleanAccuracy(), Double.isNaN(m.robustAccuracy()) ? ""
                            : String.format(Locale.ROOT, ", PGD-20 accuracy at eps %s %.4f", o.method().epsilon(),
                            m.robustAccuracy()));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "method %s; saved epoch %d%n", o.method().describe(),
                r.savedEpoch());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private TrainingMethod method() {
        TrainingMethod.Kind kind = TrainingMethod.Kind.parse(method);
        Norm n = Norm.parse(norm);
        TrainingMethod m = switch (kind) {
            case STANDARD -> TrainingMethod.standard();
            case PGD_AT -> TrainingMethod.pgd(n, epsilon, steps, stepSize);
            case FAST_AT -> TrainingMethod.fast(n, epsilon);
            case NOISE -> TrainingMethod.noise(noiseSigma);
            case MIXUP -> TrainingMethod.mixup(mixupAlpha);
            case MANIFOLD_MIXUP -> TrainingMethod.manifoldMixup(mixupAlpha, mixupLayers);
            case TRADES -> TrainingMethod.trades(n, epsilon, steps, stepSize, tradesBeta);
            case DISTILLATION -> TrainingMethod.distillation(temperature);
        };
        return m.withParseval(parsevalBeta);
    }
}
