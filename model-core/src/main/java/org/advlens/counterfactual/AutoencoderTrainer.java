package org.advlens.counterfactual;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.advlens.data.ImageConversion;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.load.FileHashes;
import org.advlens.model.load.ModelWriter;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the generative model of on-manifold counterfactuals: a small convolutional autoencoder (Hinton and
 * Salakhutdinov, 2006). Encoder: two 4x4 stride-2 convolutions (f and 2f filters, ReLU; f = 16 by default) and a
 * linear code layer named {@value Autoencoder#LATENT_LAYER}; decoder: a ReLU dense layer back to 2f x h/4 x w/4 and
 * two 4x4 stride-2 transposed convolutions (f filters with ReLU, then one per channel), with a sigmoid and per-pixel binary
 * cross-entropy on images scaled to [0, 1]. Fitted with Adam (Kingma and Ba, 2015). Works for any data set whose
 * images have a height and width divisible by four, so a user can train one on their own data.
 *
 * <p>The job polls its {@link CancellationToken} once per minibatch and reports progress per minibatch.
 */
public final class AutoencoderTrainer implements Job<AutoencoderReport> {

    private static final Logger LOG = LoggerFactory.getLogger(AutoencoderTrainer.class);
    private static final int EVAL_BATCH = 500;

    private final AutoencoderOptions options;
    private final LabelledDataset train;
    private final LabelledDataset test;
    private final InputSpec spec;
    private final Path output;

    /**
     * @param train training images in the pixel space of {@code spec}
     * @param test held-out images for the reported reconstruction error
     * @param spec the classifier input the autoencoder models (its shape and bounds)
     */
    public AutoencoderTrainer(AutoencoderOptions options, LabelledDataset train, LabelledDataset test, InputSpec spec,
                              Path output) {
        if (options == null || train == null || test == null || spec == null || output == null) {
            throw new IllegalArgumentException("options, training data, test data, input spec and output are required");
        }
        if (spec.height() % 4 != 0 || spec.width() % 4 != 0) {
            throw new IllegalArgumentException("the autoencoder needs a height and width divisible by 4, got "
                    + spec.height() + "x" + spec.width());
        }
        for (LabelledDataset d : new LabelledDataset[] {train, test}) {
            Images im = d.images();
            if (im.channels() != spec.channels() || im.height() != spec.height() || im.width() != spec.width()) {
                throw new IllegalArgumentException("the data set " + d.name() + " has images of " + im.channels() + "x"
                        + im.height() + "x" + im.width() + ", the input spec says " + spec);
            }
        }
        if (train.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("need training and test images, got " + train.size() + " and "
                    + test.size());
        }
        this.options = options;
        this.train = options.trainLimit() == 0 ? train : train.limit(options.trainLimit());
        this.test = test;
        this.spec = spec;
        this.output = output;
    }

    /**
     * A user's data set split for training: the last tenth (at least 1, at most 1,000 images) held out for the
     * reported reconstruction error, the rest for training.
     *
     * @param train the images to train on
     * @param test the held-out images
     */
    public record Split(LabelledDataset train, LabelledDataset test) {

        /** Splits {@code all}, which needs at least 2 images. */
        public static Split of(LabelledDataset all) {
            if (all.size() < 2) {
                throw new IllegalArgumentException("training a generator needs at least 2 images, " + all.name()
                        + " has " + all.size());
            }
            int held = Math.max(1, Math.min(1000, all.size() / 10));
            int cut = all.size() - held;
            return new Split(all.slice(0, cut, all.name()), all.slice(cut, all.size(), all.name() + " (held out)"));
        }
    }

    /** The untrained autoencoder for {@code spec}'s shape with the default filter counts (16 and 32). */
    public static MultiLayerNetwork buildNetwork(InputSpec spec, int latentSize, long seed, double learningRate) {
        return buildNetwork(spec, latentSize, AutoencoderOptions.DEFAULT_FILTERS, seed, learningRate);
    }

    /**
     * The untrained autoencoder for {@code spec}'s shape, float32, initialised from {@code seed}, with {@code filters}
     * filters in the outer convolutions and twice as many next to the code.
     */
    public static MultiLayerNetwork buildNetwork(InputSpec spec, int latentSize, int filters, long seed,
                                                 double learningRate) {
        int c = spec.channels();
        int f1 = filters;
        int f2 = 2 * filters;
        int h4 = spec.height() / 4;
        int w4 = spec.width() / 4;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(f1)
                        .activation(Activation.RELU).name("enc1").build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(f2)
                        .activation(Activation.RELU).name("enc2").build())
                .layer(new DenseLayer.Builder().nOut(latentSize).activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER).name(Autoencoder.LATENT_LAYER).build())
                .layer(new DenseLayer.Builder().nOut((long) f2 * h4 * w4).activation(Activation.RELU).name("dec0").build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(f1)
                        .activation(Activation.RELU).name("dec1").build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(c)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).name("dec2").build())
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .name("reconstruction").build())
                .inputPreProcessor(4, new FeedForwardToCnnPreProcessor(h4, w4, f2))
                .setInputType(InputType.convolutional(spec.height(), spec.width(), c))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Override
    public AutoencoderReport run(ProgressListener progress, CancellationToken cancellation) throws IOException {
        Instant start = Instant.now();
        Images x = ImageConversion.toUnit(train.images(), spec.lower(), spec.upper());
        MultiLayerNetwork net = buildNetwork(spec, options.latentSize(), options.filters(), options.seed(),
                options.learningRate());
        LOG.info("training an autoencoder of {} parameters, code size {}, on {} images, {} epochs, batch {}, lr {}",
                net.numParams(), options.latentSize(), x.count(), options.epochs(), options.batchSize(),
                options.learningRate());
        fit(net, x, progress, cancellation);

        progress.onProgress(-1, "measuring the reconstruction error on " + test.size() + " test images");
        cancellation.throwIfCancelled();
        ModelDescription description = new ModelDescription("Autoencoder of " + train.name(), spec,
                train.classNames().isEmpty() ? ModelDescription.numberedClasses(classCount(train)) : train.classNames());
        ModelWriter.save(net, description, output);
        String sha = FileHashes.sha256(output);
        double mse = reconstructionMse(new Autoencoder(net, description, output.toString(), sha), test, cancellation);
        Instant end = Instant.now();
        LOG.info("saved {} (sha256 {}); test reconstruction MSE {}", output, sha, mse);
        progress.onProgress(1, String.format("done: test reconstruction MSE %.5f", mse));
        return new AutoencoderReport(mse, test.size(), x.count(), train.source(), options,
                Duration.between(start, end), end, output, sha, net.numParams());
    }

    /** Classes in unnamed data: one more than the largest label, and at least two (a description needs two). */
    private static int classCount(LabelledDataset data) {
        int max = 0;
        for (int label : data.labels()) {
            max = Math.max(max, label);
        }
        return Math.max(2, max + 1);
    }

    private void fit(MultiLayerNetwork net, Images images, ProgressListener progress, CancellationToken cancellation) {
        float[] pixels = images.pixels();
        int n = images.count();
        int size = images.imageSize();
        int batch = options.batchSize();
        int batches = (n + batch - 1) / batch;
        long total = (long) batches * options.epochs();
        Random shuffle = new Random(options.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long done = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            shuffleInPlace(order, shuffle);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                cancellation.throwIfCancelled();
                int from = b * batch;
                int to = Math.min(n, from + batch);
                float[] xb = new float[(to - from) * size];
                for (int i = from; i < to; i++) {
                    System.arraycopy(pixels, order[i] * size, xb, (i - from) * size, size);
                }
                INDArray features = Nd4j.create(xb, new long[] {to - from, images.channels(), images.height(),
                    images.width()}, 'c');
                net.fit(new DataSet(features, features));
                lossSum += net.score();
                done++;
                if (b % 20 == 0 || b == batches - 1) {
                    progress.onProgress((double) done / total, String.format("epoch %d/%d, batch %d/%d, loss %.4f",
                            epoch, options.epochs(), b + 1, batches, lossSum / (b + 1)));
                }
            }
            LOG.info("epoch {}/{}: mean training loss {}", epoch, options.epochs(), lossSum / batches);
        }
    }

    /** Mean squared reconstruction error of {@code data} in units of the range squared. */
    static double reconstructionMse(Autoencoder ae, LabelledDataset data, CancellationToken cancellation) {
        double sum = 0;
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            cancellation.throwIfCancelled();
            int to = Math.min(data.size(), from + EVAL_BATCH);
            for (double e : ae.reconstructionError(data.images().slice(from, to))) {
                sum += e;
            }
        }
        return sum / data.size();
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
