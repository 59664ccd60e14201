package org.advlens.train;

import java.util.SplittableRandom;
import org.advlens.attack.SeededNoise;
import org.advlens.model.FloatArrays;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The minibatch transforms of the non-adversarial training methods, seeded per minibatch. */
final class Augmentations {

    private Augmentations() {
    }

    /** The images plus Gaussian noise of standard deviation {@code sigma}, not clipped, with one-hot labels. */
    static DataSet noise(INDArray x, int[] labels, int classes, double sigma, long seed) {
        INDArray noisy = x.add(new SeededNoise(seed).gaussian(x.shape()).muli(sigma));
        return new DataSet(noisy, Logits.oneHot(labels, classes));
    }

    /**
     * Mixup: example {@code i} mixed with example {@code perm[i]} of the same minibatch (a seeded permutation) as
     * {@code lambda x_i + (1 - lambda) x_perm[i]}, and their one-hot labels alike, {@code lambda ~ Beta(alpha,
     * alpha)} drawn once for the minibatch.
     */
    static DataSet mixup(INDArray x, int[] labels, int classes, double alpha, long seed) {
        return mixup(x, labels, classes, MixupDraw.of(labels.length, alpha, new SplittableRandom(seed)));
    }

    /** Mixup of the images and their one-hot labels with a given draw. */
    static DataSet mixup(INDArray x, int[] labels, int classes, MixupDraw draw) {
        int n = labels.length;
        float[] pixels = FloatArrays.of(x);
        int size = pixels.length / n;
        float[] mixed = new float[pixels.length];
        float l = (float) draw.lambda();
        for (int i = 0; i < n; i++) {
            int j = draw.perm()[i];
            for (int p = 0; p < size; p++) {
                mixed[i * size + p] = l * pixels[i * size + p] + (1 - l) * pixels[j * size + p];
            }
        }
        return new DataSet(Nd4j.create(mixed, x.shape(), 'c'), mixedTargets(labels, classes, draw));
    }

    /** The targets of a mixed minibatch: {@code lambda y_i + (1 - lambda) y_perm[i]} of the one-hot labels. */
    static INDArray mixedTargets(int[] labels, int classes, MixupDraw draw) {
        int n = labels.length;
        float[] targets = new float[n * classes];
        float l = (float) draw.lambda();
        for (int i = 0; i < n; i++) {
            targets[i * classes + labels[i]] += l;
            targets[i * classes + labels[draw.perm()[i]]] += 1 - l;
        }
        return Nd4j.create(targets, new long[] {n, classes}, 'c');
    }

    /** One minibatch's mix: {@code lambda ~ Beta(alpha, alpha)}, then a permutation, from one random stream. */
    record MixupDraw(double lambda, int[] perm) {
        static MixupDraw of(int n, double alpha, SplittableRandom random) {
            double lambda = beta(alpha, random);
            return new MixupDraw(lambda, permutation(n, random));
        }
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A Beta(alpha, alpha) sample, as {@code G1 / (G1 + G2)} of two Gamma(alpha) samples. */
    static double beta(double alpha, SplittableRandom random) {
        double a = gamma(alpha, random);
        double b = gamma(alpha, random);
        return a + b == 0 ? 0.5 : a / (a + b);
    }

    /**
     * A Gamma(shape, 1) sample by Marsaglia and Tsang's method ("A Simple Method for Generating Gamma Variables",
     * ACM TOMS 2000), with the boost {@code Gamma(shape + 1) * U^(1/shape)} for shapes below 1.
     */
    static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
