package org.advlens.saliency.sanity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.train.FashionMnistTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data randomization test of Adebayo et al. ("Sanity Checks for Saliency Maps", NeurIPS 2018): train the
 * bundled architecture ({@link FashionMnistTrainer#buildNetwork}) on training images whose labels are randomly
 * permuted, so it can only memorise, and compare every method's maps on it with the maps on the trained model.
 * Maps that stay similar do not depend on the relation between images and labels the model learned.
 *
 * <p>Only for models with the bundled model's input (1x28x28 in [0, 1]) and ten classes. Training takes minutes
 * on a laptop CPU; the job reports progress per minibatch and polls the cancellation token.
 */
public final class DataRandomizationCheck implements Job<DataRandomizationResult> {

    private static final Logger LOG = LoggerFactory.getLogger(DataRandomizationCheck.class);

    /**
     * @param trainImages how many training images to memorise (the first ones of the training set)
     * @param epochs passes over them
     * @param batchSize minibatch size
     * @param learningRate Adam step size
     * @param seed seed of the label permutation, the initialisation and the shuffling
     */
    public record Options(int trainImages, int epochs, int batchSize, double learningRate, long seed) {
        public Options {
            if (trainImages < 10 || trainImages > 60_000) {
                throw new IllegalArgumentException("train images must be in [10, 60000], got " + trainImages);
            }
            if (epochs < 1 || epochs > 1000) {
                throw new IllegalArgumentException("epochs must be in [1, 1000], got " + epochs);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batch size must be in [1, 10000], got " + batchSize);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
            }
        }

        /** 2,000 images, 40 epochs, batch 64, learning rate 1e-3, seed 0. */
        public static Options defaults() {
            return new Options(2000, 40, 64, 1e-3, 0L);
        }
    }

    private final Classifier original;
    private final LabelledDataset training;
    private final Images images;
    private final int[] targets;
    private final int[] trueLabels;
    private final List<SaliencyMethod> methods;
    private final Options options;

    /**
     * @param original the trained model, with the bundled model's input and ten classes
     * @param training training images with their true labels (the labels are permuted here)
     * @param images the images whose maps are compared
     * @param targets one target class per image, fixed on the original model
     * @param trueLabels the images' true labels for the copy's accuracy, or {@code null}
     * @param methods the methods to compare, with distinct names
     */
    public DataRandomizationCheck(Classifier original, LabelledDataset training, Images images, int[] targets,
                                  int[] trueLabels, List<SaliencyMethod> methods, Options options) {
        if (training == null || methods == null || methods.isEmpty() || options == null) {
            throw new IllegalArgumentException("training data, at least one method and the options are required");
        }
        SaliencyInputs.check(original, images, targets);
        if (!original.inputSpec().equals(FashionMnistTrainer.INPUT) || original.numClasses() != 10) {
            throw new IllegalArgumentException("the data randomization test trains the bundled architecture, which "
                    + "takes " + FashionMnistTrainer.INPUT + " with 10 classes; the model takes "
                    + original.inputSpec() + " with " + original.numClasses() + " classes");
        }
        Images t = training.images();
        if (t.channels() != 1 || t.height() != 28 || t.width() != 28) {
            throw new IllegalArgumentException("training images must be 1x28x28, got " + t);
        }
        if (training.size() < options.trainImages()) {
            throw new IllegalArgumentException("asked for " + options.trainImages() + " training images but the "
                    + "training set holds " + training.size());
        }
        if (trueLabels != null && trueLabels.length != images.count()) {
            throw new IllegalArgumentException(images.count() + " images but " + trueLabels.length + " labels");
        }
        ParameterRandomizationCheck.checkMethods(original, methods);
        this.original = original;
        this.training = training.limit(options.trainImages());
        this.images = images;
        this.targets = targets.clone();
        this.trueLabels = trueLabels == null ? null : trueLabels.clone();
        this.methods = List.copyOf(methods);
        this.options = options;
    }

    @Override
    public DataRandomizationResult run(ProgressListener progress, CancellationToken cancellation) {
        Instant start = Instant.now();
        int[] permuted = training.labels();
        shuffle(permuted, new Random(options.seed()));
        MultiLayerNetwork net = FashionMnistTrainer.buildNetwork(options.seed(), options.learningRate());
        LOG.info("training on {} images with permuted labels, {} epochs", training.size(), options.epochs());
        fit(net, permuted, progress, cancellation);
        double trainAccuracy = accuracy(net, training.images(), permuted);
        Duration time = Duration.between(start, Instant.now());
        LOG.info("permuted-label training accuracy {} after {}", trainAccuracy, time);

        Classifier randomised = Dl4jClassifier.of(net, original.info());
        double trueAccuracy = trueLabels == null ? Double.NaN : accuracy(net, images, trueLabels);
        SaliencyMap[][] maps = new SaliencyMap[methods.size()][2];
        for (int m = 0; m < methods.size(); m++) {
            progress.onProgress(0.9 + 0.1 * m / methods.size(), "maps: " + methods.get(m).displayName());
            maps[m][0] = methods.get(m).attribute(original, images, targets, cancellation);
            maps[m][1] = methods.get(m).attribute(randomised, images, targets, cancellation);
        }
        SanityCheckResult comparison = SanityCheckResult.compare(Randomization.PERMUTED_LABELS, methods,
                List.of("original", "permuted labels"), maps, targets, options.seed(), original.info());
        progress.onProgress(1, String.format("done: memorised %.1f%% of the permuted labels", 100 * trainAccuracy));
        return new DataRandomizationResult(comparison, trainAccuracy, trueAccuracy, training.size(),
                options.epochs(), time);
    }

    private void fit(MultiLayerNetwork net, int[] labels, ProgressListener progress, CancellationToken cancellation) {
        Images x = training.images();
        float[] pixels = x.pixels();
        int n = training.size();
        int size = x.imageSize();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        long total = (long) batches * options.epochs();
        long done = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(options.seed() + 1);
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            shuffle(order, random);
            double loss = 0;
            for (int b = 0; b < batches; b++) {
                cancellation.throwIfCancelled();
                int from = b * options.batchSize();
                int to = Math.min(n, from + options.batchSize());
                float[] batch = new float[(to - from) * size];
                int[] y = new int[to - from];
                for (int i = from; i < to; i++) {
                    System.arraycopy(pixels, order[i] * size, batch, (i - from) * size, size);
                    y[i - from] = labels[order[i]];
                }
                INDArray features = Nd4j.create(batch, new long[] {to - from, 1, 28, 28}, 'c');
                net.fit(new DataSet(features, Logits.oneHot(y, 10)));
                loss += net.score();
                done++;
                if (b == batches - 1) {
                    progress.onProgress(0.9 * done / total, String.format(
                            "permuted-label training: epoch %d/%d, loss %.3f", epoch, options.epochs(), loss / batches));
                }
            }
        }
    }

    private static double accuracy(MultiLayerNetwork net, Images x, int[] labels) {
        int correct = 0;
        for (int from = 0; from < x.count(); from += 500) {
            int to = Math.min(x.count(), from + 500);
            int[] p = Logits.argmax(net.output(x.slice(from, to).toArray(), false));
            for (int i = 0; i < p.length; i++) {
                correct += p[i] == labels[from + i] ? 1 : 0;
            }
        }
        return (double) correct / x.count();
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
