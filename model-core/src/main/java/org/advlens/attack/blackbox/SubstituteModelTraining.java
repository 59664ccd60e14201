package org.advlens.attack.blackbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.advlens.attack.gradient.GradientAttack;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.model.load.Classifiers;
import org.deeplearning4j.nn.conf.CNN2DFormat;
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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The substitute-model black-box attack's training phase: fits a local substitute to a target (the oracle) that
 * is queried for its predicted labels only, starting from a small seed set and growing it by Jacobian-based
 * dataset augmentation. Papernot, McDaniel, Goodfellow, Jha, Celik and Swami, "Practical Black-Box Attacks
 * against Machine Learning", AsiaCCS 2017 (Algorithm 1).
 *
 * <p>Each round trains the substitute F on the current set S (labelled by the oracle) for a few epochs, then, except
 * after the last round, adds {@code x' = clip(x + lambda_r * sign(dF_{O(x)}(x) / dx))} for every x in S, with the
 * gradient of the substitute's logit for the oracle's label, and labels the new points with the oracle; S doubles.
 * {@code lambda_r = lambda * (-1)^floor(r / tau)} when a sign-flip period tau is given (the paper's periodic step
 * size), else {@code lambda}. The oracle is never differentiated and only {@link Classifier#predict} is called on it.
 * The trained substitute is then attacked white-box and its examples transferred with
 * {@code new TransferAttack(substitute, Attacks.byName("fgsm"))}.
 *
 * <p>The substitute is a small DL4J network on the oracle's {@link InputSpec}: an optional 3x3 convolution with
 * 2x2 max pooling, one ReLU dense layer and a softmax output, trained with Adam; everything is seeded.
 */
public final class SubstituteModelTraining implements Job<SubstituteModelTraining.Result> {

    /**
     * Hyperparameters.
     *
     * @param rounds substitute training rounds (the paper's rho + 1); the set is augmented between rounds
     * @param lambda Jacobian augmentation step in pixel units (the paper uses 0.1 on [0, 1] images)
     * @param signFlipPeriod tau: flip the sign of lambda every tau rounds, or 0 for a fixed sign
     * @param epochsPerRound training epochs over the whole set in each round
     * @param batchSize minibatch size for training and for oracle queries
     * @param learningRate Adam learning rate
     * @param hiddenUnits width of the dense hidden layer
     * @param convFilters filters of the 3x3 convolution before the dense layer, or 0 for a dense-only network
     * @param seed seed of the initial weights and of the minibatch order
     */
    public record Options(int rounds, double lambda, int signFlipPeriod, int epochsPerRound, int batchSize,
                          double learningRate, int hiddenUnits, int convFilters, long seed) {

        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be positive, got " + rounds);
            }
            if (!(lambda > 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda must be positive and finite, got " + lambda);
            }
            if (signFlipPeriod < 0) {
                throw new IllegalArgumentException("signFlipPeriod must be 0 (none) or positive, got " + signFlipPeriod);
            }
            if (epochsPerRound < 1) {
                throw new IllegalArgumentException("epochsPerRound must be positive, got " + epochsPerRound);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be positive and finite, got " + learningRate);
            }
            if (hiddenUnits < 1) {
                throw new IllegalArgumentException("hiddenUnits must be positive, got " + hiddenUnits);
            }
            if (convFilters < 0) {
                throw new IllegalArgumentException("convFilters must be 0 or positive, got " + convFilters);
            }
        }

        /** Four rounds, lambda 0.1 without sign flips, 10 epochs of batch 32, Adam 1e-3, a 32-filter CNN, seed 1. */
        public static Options defaults() {
            return new Options(4, 0.1, 0, 10, 32, 1e-3, 128, 32, 1);
        }

        public Options withRounds(int r) {
            return new Options(r, lambda, signFlipPeriod, epochsPerRound, batchSize, learningRate, hiddenUnits,
                    convFilters, seed);
        }

        public Options withLambda(double l) {
            return new Options(rounds, l, signFlipPeriod, epochsPerRound, batchSize, learningRate, hiddenUnits,
                    convFilters, seed);
        }

        public Options withEpochsPerRound(int e) {
            return new Options(rounds, lambda, signFlipPeriod, e, batchSize, learningRate, hiddenUnits, convFilters,
                    seed);
        }

        public Options withNetwork(int hidden, int filters) {
            return new Options(rounds, lambda, signFlipPeriod, epochsPerRound, batchSize, learningRate, hidden,
                    filters, seed);
        }

        public Options withLearningRate(double lr) {
            return new Options(rounds, lambda, signFlipPeriod, epochsPerRound, batchSize, lr, hiddenUnits,
                    convFilters, seed);
        }

        public Options withSeed(long s) {
            return new Options(rounds, lambda, signFlipPeriod, epochsPerRound, batchSize, learningRate, hiddenUnits,
                    convFilters, s);
        }
    }

    /**
     * One training round.
     *
     * @param round 1-based round number
     * @param trainingSize images the substitute was trained on in this round
     * @param oracleQueries labels asked of the oracle so far for training (seed set and augmentations), cumulative
     * @param agreement fraction of the held-out images on which the substitute predicts the oracle's label, or
     *                  NaN without held-out images
     */
    public record Round(int round, int trainingSize, long oracleQueries, double agreement) {
    }

    /**
     * The trained substitute and how it got there. Closing the result closes the substitute.
     *
     * @param substitute the trained substitute, on the oracle's input and classes
     * @param rounds one entry per round
     * @param heldOutQueries oracle labels asked for the held-out images (for measuring agreement only)
     * @param options the hyperparameters used
     */
    public record Result(Classifier substitute, List<Round> rounds, long heldOutQueries, Options options)
            implements AutoCloseable {

        public Result {
            rounds = List.copyOf(rounds);
        }

        /** Labels asked of the oracle to train the substitute. */
        public long oracleQueries() {
            return rounds.get(rounds.size() - 1).oracleQueries();
        }

        /** Agreement with the oracle on the held-out images after the last round. */
        public double agreement() {
            return rounds.get(rounds.size() - 1).agreement();
        }

        @Override
        public void close() {
            substitute.close();
        }
    }

    private final Classifier oracle;
    private final Images seedImages;
    private final Images heldOut;
    private final Options options;

    /**
     * @param oracle the target, queried for labels only
     * @param seedImages the initial substitute training set (their true labels are never used)
     * @param heldOut images on which agreement with the oracle is measured, or {@code null} for none
     */
    public SubstituteModelTraining(Classifier oracle, Images seedImages, Images heldOut, Options options) {
        if (oracle == null || seedImages == null || options == null) {
            throw new IllegalArgumentException("an oracle, seed images and options are required");
        }
        if (seedImages.count() < 1) {
            throw new IllegalArgumentException("the seed set holds no images");
        }
        InputSpec spec = oracle.inputSpec();
        for (Images im : heldOut == null ? List.of(seedImages) : List.of(seedImages, heldOut)) {
            if (im.channels() != spec.channels() || im.height() != spec.height() || im.width() != spec.width()) {
                throw new IllegalArgumentException("images of " + im.channels() + "x" + im.height() + "x"
                        + im.width() + " do not fit the oracle's input " + spec);
            }
        }
        this.oracle = oracle;
        this.seedImages = seedImages;
        this.heldOut = heldOut == null || heldOut.count() == 0 ? null : heldOut;
        this.options = options;
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken cancellation) {
        InputSpec spec = oracle.inputSpec();
        int classes = oracle.numClasses();
        MultiLayerNetwork net = buildNetwork(spec, classes, options);
        ModelInfo info = new ModelInfo("substitute of " + oracle.info().name(), "substitute-model training",
                "", ModelFormat.DL4J_MULTILAYER, spec, oracle.classNames(), net.numParams(),
                List.of(options.toString()), true);

        INDArray x = seedImages.toArray();
        int[] y = ask(x, cancellation);
        long queries = y.length;
        int[] heldOutLabels = heldOut == null ? null : ask(heldOut.toArray(), cancellation);
        Random shuffle = new Random(options.seed());
        List<Round> rounds = new ArrayList<>();
        Classifier substitute = null;
        for (int r = 1; r <= options.rounds(); r++) {
            int round = r;
            fit(net, spec, x, y, shuffle, (f, m) -> progress.onProgress(
                    ((round - 1) + f) / options.rounds(), "round " + round + "/" + options.rounds() + ": " + m),
                    cancellation);
            substitute = Classifiers.forNetwork(net, info);
            double agreement = heldOut == null ? Double.NaN : agreement(substitute, heldOut.toArray(), heldOutLabels);
            rounds.add(new Round(r, (int) x.size(0), queries, agreement));
            if (r < options.rounds()) {
                double step = options.lambda()
                        * (options.signFlipPeriod() > 0 && ((r - 1) / options.signFlipPeriod()) % 2 == 1 ? -1 : 1);
                INDArray added = augment(substitute, x, y, step, spec, cancellation);
                int[] addedLabels = ask(added, cancellation);
                queries += addedLabels.length;
                x = Nd4j.concat(0, x, added);
                y = concat(y, addedLabels);
            }
        }
        progress.onProgress(1, "substitute trained on " + x.size(0) + " images with " + queries + " oracle queries");
        return new Result(substitute, rounds, heldOutLabels == null ? 0 : heldOutLabels.length, options);
    }

    /** The substitute's untrained network for the oracle's input, float32, seeded. */
    static MultiLayerNetwork buildNetwork(InputSpec spec, int classes, Options options) {
        CNN2DFormat format = spec.layout() == ChannelOrder.NHWC ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
        var list = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(options.learningRate()))
                .weightInit(WeightInit.RELU)
                .list();
        if (options.convFilters() > 0) {
            list.layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(options.convFilters())
                    .activation(Activation.RELU).name("conv").build());
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .name("pool").build());
        }
        list.layer(new DenseLayer.Builder().nOut(options.hiddenUnits()).activation(Activation.RELU)
                        .name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("output").build())
                .setInputType(InputType.convolutional(spec.height(), spec.width(), spec.channels(), format));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** Oracle labels, in batches: the only way the oracle is used. */
    private int[] ask(INDArray x, CancellationToken cancellation) {
        int n = (int) x.size(0);
        int[] out = new int[n];
        int batch = Math.max(options.batchSize(), 100);
        for (int from = 0; from < n; from += batch) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + batch);
            System.arraycopy(oracle.predict(rows(x, from, to)), 0, out, from, to - from);
        }
        return out;
    }

    private void fit(MultiLayerNetwork net, InputSpec spec, INDArray x, int[] y, Random shuffle,
                     ProgressListener progress, CancellationToken cancellation) {
        int n = y.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        INDArray input = toNetwork(x, spec);
        INDArray targets = Logits.oneHot(y, oracle.numClasses());
        for (int epoch = 1; epoch <= options.epochsPerRound(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += options.batchSize()) {
                cancellation.throwIfCancelled();
                int to = Math.min(n, from + options.batchSize());
                INDArray idx = Nd4j.createFromArray(Arrays.copyOfRange(order, from, to));
                net.fit(new DataSet(input.get(idx), targets.get(idx)));
            }
            progress.onProgress((double) epoch / options.epochsPerRound(),
                    "epoch " + epoch + "/" + options.epochsPerRound() + " on " + n + " images");
        }
    }

    /** Pixel-space NCHW to what the network takes, as the engine's classifiers convert it. */
    private static INDArray toNetwork(INDArray x, InputSpec spec) {
        INDArray in = x.castTo(DataType.FLOAT).dup('c');
        if (spec.normalised()) {
            double[] mean = spec.mean();
            double[] std = spec.std();
            for (int c = 0; c < spec.channels(); c++) {
                INDArray ch = in.get(NDArrayIndex.all(),
                        NDArrayIndex.point(c));
                ch.subi(mean[c]).divi(std[c]);
            }
        }
        return spec.layout() == ChannelOrder.NHWC ? in.permute(0, 2, 3, 1).dup('c') : in;
    }

    /** {@code clip(x + step * sign(d z_y / dx))} on the substitute, batched. */
    private INDArray augment(Classifier substitute, INDArray x, int[] y, double step, InputSpec spec,
                             CancellationToken cancellation) {
        int n = y.length;
        List<INDArray> parts = new ArrayList<>();
        int batch = Math.max(options.batchSize(), 100);
        for (int from = 0; from < n; from += batch) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + batch);
            INDArray part = rows(x, from, to);
            INDArray weights = Logits.oneHot(Arrays.copyOfRange(y, from, to), oracle.numClasses());
            INDArray grad = substitute.logitGradient(part, weights);
            INDArray moved = part.castTo(DataType.FLOAT).add(Transforms.sign(grad.castTo(DataType.FLOAT)).muli(step));
            parts.add(GradientAttack.clip(moved, spec.lower(), spec.upper()));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    private static double agreement(Classifier substitute, INDArray x, int[] oracleLabels) {
        int agree = 0;
        int n = oracleLabels.length;
        for (int from = 0; from < n; from += 500) {
            int to = Math.min(n, from + 500);
            int[] p = substitute.predict(rows(x, from, to));
            for (int i = 0; i < p.length; i++) {
                agree += p[i] == oracleLabels[from + i] ? 1 : 0;
            }
        }
        return (double) agree / n;
    }

    private static INDArray rows(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                .dup('c');
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
