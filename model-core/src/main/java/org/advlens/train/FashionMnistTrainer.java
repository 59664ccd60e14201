package org.advlens.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.data.FashionMnist;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.load.FileHashes;
import org.advlens.model.load.ModelWriter;
import org.advlens.model.runtime.ExportedNetworkClassifier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the bundled Fashion-MNIST classifier, or the same architecture on the user's data ({@link TrainingData}):
 * a LeNet-style CNN (LeCun et al., 1998) with two 5x5
 * convolutions (16 and 32 filters, ReLU), each followed by 2x2 max pooling, a 128-unit ReLU dense layer and a
 * softmax output, fitted with Adam (Kingma and Ba, 2015) on the softmax cross-entropy. Input is NCHW in [0, 1],
 * 1x28x28 for Fashion-MNIST. The result is a DL4J zip with an embedded {@link ModelDescription}.
 *
 * <p>The job polls its {@link CancellationToken} once per minibatch and reports progress per minibatch.
 */
public final class FashionMnistTrainer implements Job<TrainingReport> {

    /** The input the bundled model expects. */
    public static final InputSpec INPUT = new InputSpec(1, 28, 28, ChannelOrder.NCHW, 0, 1, null, null);
    /** Display name written into the model's description. */
    public static final String MODEL_NAME = "Fashion-MNIST CNN";

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnistTrainer.class);
    private static final int EVAL_BATCH = 500;

    private final TrainingOptions options;
    private final Path output;
    private final Consumer<EpochMetrics> epochListener;
    private final boolean resume;
    /** The data of the run, read when it starts. */
    private TrainingData data;

    public FashionMnistTrainer(TrainingOptions options, Path output) {
        this(options, output, metrics -> { });
    }

    /**
     * A trainer that hands each epoch's held-out metrics to {@code epochListener} as soon as they are measured, on
     * the training thread (a view that draws them live hands them on to its own thread).
     */
    public FashionMnistTrainer(TrainingOptions options, Path output, Consumer<EpochMetrics> epochListener) {
        this(options, output, epochListener, false);
    }

    /**
     * A trainer that, with {@code resume}, continues from the {@link TrainingCheckpoint} a cancelled or killed run
     * with the same settings left next to {@code output}, and otherwise starts afresh. Every run but distillation
     * writes a checkpoint after each epoch and deletes it when it ends.
     */
    public FashionMnistTrainer(TrainingOptions options, Path output, Consumer<EpochMetrics> epochListener,
                               boolean resume) {
        if (options == null || output == null || epochListener == null) {
            throw new IllegalArgumentException("options, output path and epoch listener are required");
        }
        this.options = options;
        this.output = output;
        this.epochListener = epochListener;
        this.resume = resume;
    }

    /** Plain entry point for the command line: trains, evaluates and saves the model. */
    public static TrainingReport train(TrainingOptions options, Path output, ProgressListener progress,
                                       CancellationToken cancellation) throws IOException {
        return new FashionMnistTrainer(options, output).run(progress, cancellation);
    }

    /** The description embedded in the saved model. */
    public static ModelDescription description() {
        return new ModelDescription(MODEL_NAME, INPUT, FashionMnist.CLASS_NAMES);
    }

    /**
     * The description of a model trained with {@code options} on {@code data}: the Fashion-MNIST CNN's name on
     * Fashion-MNIST, otherwise the data's; the method and any excluded classes follow.
     */
    static ModelDescription description(TrainingOptions options, TrainingData data) {
        boolean fashion = data.spec().equals(INPUT) && data.classNames().equals(FashionMnist.CLASS_NAMES);
        String name = (fashion ? MODEL_NAME : "CNN on " + data.name()) + suffix(options.method());
        if (!options.excludedClasses().isEmpty()) {
            name += " without " + String.join(", ", options.excludedClasses().stream()
                    .map(c -> data.classNames().get(c)).toList());
        }
        return new ModelDescription(name, data.spec(), data.classNames());
    }

    private static String suffix(TrainingMethod method) {
        return switch (method.kind()) {
            case STANDARD -> "";
            case PGD_AT -> " (PGD-trained)";
            case FAST_AT -> " (fast-AT-trained)";
            case NOISE -> " (noise-trained, sigma " + method.noiseSigma() + ")";
            case MIXUP -> " (mixup-trained)";
            case MANIFOLD_MIXUP -> " (manifold-mixup-trained)";
            case TRADES -> " (TRADES-trained)";
            case DISTILLATION -> " (distilled at temperature " + method.temperature() + ")";
        };
    }

    /** The untrained Fashion-MNIST network, float32, initialised from {@code seed}. */
    public static MultiLayerNetwork buildNetwork(long seed, double learningRate) {
        return buildNetwork(seed, learningRate, INPUT, FashionMnist.CLASS_NAMES.size());
    }

    /**
     * The untrained network for {@code input} (NCHW; the dense layer's size follows from it) and {@code classes}
     * outputs, float32, initialised from {@code seed}.
     */
    public static MultiLayerNetwork buildNetwork(long seed, double learningRate, InputSpec input, int classes) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(16).activation(Activation.RELU)
                        .name("conv1").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .name("pool1").build())
                .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(32).activation(Activation.RELU)
                        .name("conv2").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .name("pool2").build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("output").build())
                .setInputType(InputType.convolutional(input.height(), input.width(), input.channels()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Override
    public TrainingReport run(ProgressListener progress, CancellationToken cancellation) throws IOException {
        Instant start = Instant.now();
        progress.onProgress(-1, "reading the training data from " + options.dataDir());
        TrainingData data = TrainingData.load(options.dataDir()).without(options.excludedClasses());
        this.data = data;
        LabelledDataset train = limit(data.train(), options.trainLimit());
        LabelledDataset test = limit(data.test(), options.testLimit());
        cancellation.throwIfCancelled();

        TrainingMethod method = options.method();
        MultiLayerNetwork net;
        List<EpochMetrics> history = new ArrayList<>();
        int savedEpoch;
        if (method.kind() == TrainingMethod.Kind.DISTILLATION) {
            MultiLayerNetwork teacher = buildNetwork(options.seed(), options.learningRate(), data.spec(), classes());
            logStart(teacher, train, "teacher of " + method.describe());
            List<EpochMetrics> teacherHistory = new ArrayList<>();
            fit(teacher, null, train, test, teacherHistory, metrics -> { }, phase(progress, 0, "teacher: "),
                    cancellation, null, null);
            LOG.info("teacher: held-out accuracy {}", teacherHistory.get(teacherHistory.size() - 1).cleanAccuracy());
            net = buildNetwork(options.seed() + 1, options.learningRate(), data.spec(), classes());
            logStart(net, train, "student of " + method.describe());
            savedEpoch = fit(net, teacher, train, test, history, epochListener, phase(progress, 1, "student: "),
                    cancellation, null, null);
            Distillation.deploy(net, method.temperature());
        } else {
            Path checkpoints = TrainingCheckpoint.folderFor(output);
            TrainingCheckpoint from = resume ? resumable(checkpoints) : null;
            net = from != null ? TrainingCheckpoint.network(checkpoints)
                    : buildNetwork(options.seed(), options.learningRate(), data.spec(), classes());
            logStart(net, train, method.describe() + (from != null ? ", resumed after epoch " + from.epoch() : ""));
            savedEpoch = fit(net, null, train, test, history, epochListener, progress, cancellation, from,
                    checkpoints);
        }

        // the saved epoch's weights were measured on the same test images after that epoch
        double accuracy = history.get(savedEpoch - 1).cleanAccuracy();
        LOG.info("test accuracy {} on {} images (epoch {})", accuracy, test.size(), savedEpoch);

        cancellation.throwIfCancelled();
        ModelWriter.save(net, description(options, data), output);
        String sha = FileHashes.sha256(output);
        Instant end = Instant.now();
        LOG.info("saved {} (sha256 {})", output, sha);
        TrainingCheckpoint.delete(TrainingCheckpoint.folderFor(output));
        progress.onProgress(1, String.format("done: test accuracy %.4f", accuracy));
        return new TrainingReport(accuracy, test.size(), train.size(), options, Duration.between(start, end), end,
                output, sha, net.numParams(), history, savedEpoch);
    }

    /** The checkpoint to resume from, or null when there is none; one of other settings is refused. */
    private TrainingCheckpoint resumable(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return null;
        }
        TrainingCheckpoint from = TrainingCheckpoint.read(checkpoints);
        if (!from.settings().equals(TrainingCheckpoint.settingsOf(options))) {
            throw new IllegalArgumentException("the checkpoint in " + checkpoints + " was written by a run with other"
                    + " settings (" + from.settings() + "); train with those settings to resume it, or delete it");
        }
        if (from.epoch() >= options.epochs()) {
            throw new IllegalArgumentException("the checkpoint in " + checkpoints + " has already finished epoch "
                    + from.epoch() + " of the " + options.epochs() + " asked for; ask for more epochs");
        }
        return from;
    }

    private int classes() {
        return data.classNames().size();
    }

    private void logStart(MultiLayerNetwork net, LabelledDataset train, String what) {
        LOG.info("training {} parameters on {} images, {} epochs, batch {}, lr {}, seed {}, {}", net.numParams(),
                train.size(), options.epochs(), options.batchSize(), options.learningRate(), options.seed(), what);
    }

    /** Progress of one of distillation's two networks as half of the run's. */
    private static ProgressListener phase(ProgressListener progress, int index, String prefix) {
        return (fraction, message) -> progress.onProgress(fraction < 0 ? fraction : (index + fraction) / 2,
                prefix + message);
    }

    /** The classifier the adversarial examples and the robust accuracy are computed on, or {@code null}. */
    private ExportedNetworkClassifier attacker(MultiLayerNetwork net) {
        if (!options.method().adversarial()) {
            return null;
        }
        ModelInfo info = new ModelInfo(data.name(), "training", "", ModelFormat.DL4J_MULTILAYER, data.spec(),
                data.classNames(), net.numParams(), List.of(), true);
        try {
            return ExportedNetworkClassifier.following(net, info);
        } catch (UnsupportedGradientException e) {
            throw new IllegalStateException("the network cannot run on the gradient engine: " + e.getMessage(), e);
        }
    }

    /**
     * Fits every epoch; returns the epoch whose weights the network holds at the end. {@code teacher}, for
     * distillation's student, labels each minibatch with its soft predictions; without one, labels are one-hot.
     */
    private int fit(MultiLayerNetwork net, MultiLayerNetwork teacher, LabelledDataset train, LabelledDataset test,
                    List<EpochMetrics> history, Consumer<EpochMetrics> listener, ProgressListener progress,
                    CancellationToken cancellation, TrainingCheckpoint resumed, Path checkpoints) throws IOException {
        Images images = train.images();
        float[] pixels = images.pixels();
        int[] labels = train.labels();
        int n = train.size();
        int size = images.imageSize();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        long total = (long) batches * options.epochs();
        Random shuffle = new Random(options.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        INDArray bestParams = null;
        double bestRobust = -1;
        int bestEpoch = options.epochs();
        long done = 0;
        int firstEpoch = 1;
        if (resumed != null) {
            // the same minibatch order as the uninterrupted run: replay the finished epochs' shuffles
            for (int e = 1; e <= resumed.epoch(); e++) {
                shuffleInPlace(order, shuffle);
            }
            history.addAll(resumed.history());
            resumed.history().forEach(listener);
            firstEpoch = resumed.epoch() + 1;
            done = (long) batches * resumed.epoch();
            if (resumed.bestEpoch() > 0) {
                bestParams = TrainingCheckpoint.bestWeights(checkpoints);
                bestRobust = resumed.bestRobust();
                bestEpoch = resumed.bestEpoch();
            }
        }
        try (ExportedNetworkClassifier attacker = attacker(net);
             MinibatchFit step = new MinibatchFit(options.method(), net, teacher, attacker, classes())) {
            for (int epoch = firstEpoch; epoch <= options.epochs(); epoch++) {
                shuffleInPlace(order, shuffle);
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    cancellation.throwIfCancelled();
                    int from = b * options.batchSize();
                    int to = Math.min(n, from + options.batchSize());
                    float[] x = new float[(to - from) * size];
                    int[] y = new int[to - from];
                    for (int i = from; i < to; i++) {
                        System.arraycopy(pixels, order[i] * size, x, (i - from) * size, size);
                        y[i - from] = labels[order[i]];
                    }
                    INDArray features = Nd4j.create(x, new long[] {to - from, images.channels(), images.height(),
                            images.width()}, 'c');
                    lossSum += step.fit(x, features, y, batchSeed(epoch, b), cancellation);
                    done++;
                    if (b % 20 == 0 || b == batches - 1) {
                        progress.onProgress((double) done / total, String.format(Locale.ROOT,
                                "epoch %d/%d, batch %d/%d, loss %.4f", epoch, options.epochs(), b + 1, batches,
                                lossSum / (b + 1)));
                    }
                }
                EpochMetrics metrics = evaluate(net, attacker, test, epoch, lossSum / batches, cancellation);
                history.add(metrics);
                listener.accept(metrics);
                LOG.info("epoch {}/{}: mean training loss {}, held-out accuracy {}, robust accuracy {}", epoch,
                        options.epochs(), metrics.meanLoss(), metrics.cleanAccuracy(), metrics.robustAccuracy());
                if (options.keepBestRobust() && metrics.robustAccuracy() > bestRobust) {
                    bestRobust = metrics.robustAccuracy();
                    bestParams = net.params().dup();
                    bestEpoch = epoch;
                }
                if (checkpoints != null && epoch < options.epochs()) {
                    new TrainingCheckpoint(epoch, history, bestParams != null ? bestEpoch : 0, bestRobust,
                            TrainingCheckpoint.settingsOf(options)).write(checkpoints, net, bestParams);
                }
            }
        }
        if (bestParams != null && bestEpoch != options.epochs()) {
            LOG.info("keeping epoch {}, the best robust accuracy ({})", bestEpoch, bestRobust);
            net.setParams(bestParams);
        }
        return bestEpoch;
    }

    /** Seed of a minibatch's attack: fixed by the run's seed, the epoch and the minibatch. */
    private long batchSeed(int epoch, int batch) {
        return options.seed() * 1_000_003L + epoch * 100_003L + batch;
    }

    /** Held-out clean accuracy, and PGD-20 robust accuracy at the training epsilon when asked for. */
    private EpochMetrics evaluate(MultiLayerNetwork net, ExportedNetworkClassifier attacker, LabelledDataset test,
                                  int epoch, double meanLoss, CancellationToken cancellation) {
        double clean = accuracy(net, test, cancellation);
        double robust = Double.NaN;
        if (attacker != null && options.robustImages() > 0) {
            attacker.refresh();
            LabelledDataset held = test.limit(Math.min(options.robustImages(), test.size()));
            ProjectedGradientDescent pgd = new ProjectedGradientDescent();
            AttackParams params = pgd.defaults().withNorm(options.method().norm()).withSeed(options.seed());
            int correct = 0;
            for (int from = 0; from < held.size(); from += EVAL_BATCH) {
                cancellation.throwIfCancelled();
                int to = Math.min(held.size(), from + EVAL_BATCH);
                int[] y = java.util.Arrays.copyOfRange(held.labels(), from, to);
                AttackOutcome o = AttackRunner.run(pgd, attacker, held.images().slice(from, to), y,
                        new double[] {options.method().epsilon()}, params, cancellation).get(0);
                for (int i = 0; i < y.length; i++) {
                    correct += o.predictions()[i] == y[i] ? 1 : 0;
                }
            }
            robust = (double) correct / held.size();
        }
        return new EpochMetrics(epoch, meanLoss, clean, robust);
    }

    /** Fraction of {@code data} that {@code net} classifies correctly. */
    static double accuracy(MultiLayerNetwork net, LabelledDataset data, CancellationToken cancellation) {
        Images images = data.images();
        int correct = 0;
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            cancellation.throwIfCancelled();
            int to = Math.min(data.size(), from + EVAL_BATCH);
            int[] predicted = Logits.argmax(net.output(images.slice(from, to).toArray(), false));
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == data.label(from + i)) {
                    correct++;
                }
            }
        }
        return (double) correct / data.size();
    }

    private static LabelledDataset limit(LabelledDataset data, int limit) {
        return limit == 0 ? data : data.limit(limit);
    }

    private static void shuffleInPlace(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
