package org.advlens.eval;

import org.advlens.attack.SeededNoise;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Randomized smoothing (Cohen, Rosenfeld and Kolter, "Certified Adversarial Robustness via Randomized Smoothing",
 * ICML 2019): the smoothed classifier predicts the class the base classifier most often returns under Gaussian
 * noise {@code N(0, sigma^2 I)}, and {@code CERTIFY} proves that no L2 perturbation smaller than
 * {@code sigma * Phi^-1(pA)} changes that prediction, where {@code pA} is a Clopper-Pearson lower bound on the top
 * class's probability. {@code PREDICT} and {@code CERTIFY} follow the paper's pseudocode (and the reference
 * {@code code/core.py}): the noise is added in the model's pixel space and the noisy images are not clipped to the
 * bounds.
 *
 * <p>Forward passes only, in batches of {@link Options#batchSize()}; the noise is drawn from the given seed, so a
 * result is reproducible; the cancellation token is checked once per batch.
 */
public final class RandomizedSmoothing {

    /** The smoothed classifier's answer for one image. */
    public static final int ABSTAIN = -1;

    /**
     * @param sigma the noise's standard deviation in pixel units
     * @param n0 samples that select the top class (CERTIFY)
     * @param n samples that estimate its probability (CERTIFY), or that PREDICT counts
     * @param alpha the failure probability: the certificate (or a prediction) is wrong with probability at most
     *              alpha
     * @param batchSize noisy copies per forward pass
     */
    public record Options(double sigma, int n0, int n, double alpha, int batchSize) implements java.io.Serializable {
        public Options {
            if (!(sigma > 0 && sigma <= 10)) {
                throw new IllegalArgumentException("sigma must be in (0, 10], got " + sigma);
            }
            if (n0 < 1 || n < 1) {
                throw new IllegalArgumentException("n0 and n must be positive, got " + n0 + " and " + n);
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batchSize must be in [1, 100000], got " + batchSize);
            }
        }

        /** The paper's settings for a given sigma: n0 100, n 100,000, alpha 0.001, batch 1,000. */
        public static Options paper(double sigma) {
            return new Options(sigma, 100, 100_000, 0.001, 1000);
        }
    }

    /**
     * One certified prediction.
     *
     * @param prediction the smoothed classifier's class, or {@link #ABSTAIN}
     * @param pALower the lower confidence bound on the class's probability under noise (0 on abstain)
     * @param radius the certified L2 radius, {@code sigma * Phi^-1(pALower)}; 0 on abstain
     */
    public record Certificate(int prediction, double pALower, double radius) {

        public boolean abstained() {
            return prediction == ABSTAIN;
        }
    }

    private final Classifier model;
    private final Options options;

    public RandomizedSmoothing(Classifier model, Options options) {
        if (model == null || options == null) {
            throw new IllegalArgumentException("model and options are required");
        }
        this.model = model;
        this.options = options;
    }

    /**
     * CERTIFY: the top class among {@code n0} noisy samples, then a lower bound on its probability from {@code n}
     * fresh samples; abstains when the bound is not above 1/2.
     *
     * @param image one image (a batch of one)
     * @param seed the noise's seed
     */
    public Certificate certify(Images image, long seed, CancellationToken cancellation) {
        checkOne(image);
        SeededNoise noise = new SeededNoise(seed);
        int top = argmax(counts(image, options.n0(), noise, cancellation));
        long nA = counts(image, options.n(), noise, cancellation)[top];
        double pA = Distributions.clopperPearsonLower(nA, options.n(), options.alpha());
        if (pA <= 0.5) {
            return new Certificate(ABSTAIN, 0, 0);
        }
        return new Certificate(top, pA, options.sigma() * Distributions.normalQuantile(pA));
    }

    /**
     * PREDICT: the top class among {@code n} noisy samples, or {@link #ABSTAIN} when a two-sided binomial test
     * cannot tell it from the runner-up at level alpha.
     */
    public int predict(Images image, long seed, CancellationToken cancellation) {
        checkOne(image);
        long[] counts = counts(image, options.n(), new SeededNoise(seed), cancellation);
        int top = argmax(counts);
        long runnerUp = 0;
        for (int k = 0; k < counts.length; k++) {
            if (k != top) {
                runnerUp = Math.max(runnerUp, counts[k]);
            }
        }
        long nA = counts[top];
        return Distributions.binomialTestHalf(nA, nA + runnerUp) > options.alpha() ? ABSTAIN : top;
    }

    /**
     * How often the base classifier returns each class on {@code samples} noisy copies of one image, the noise drawn
     * from {@code seed}: the smoothed classifier's vote counts, whose top share is its confidence.
     */
    public long[] voteCounts(Images image, int samples, long seed, CancellationToken cancellation) {
        checkOne(image);
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be positive, got " + samples);
        }
        return counts(image, samples, new SeededNoise(seed), cancellation);
    }

    /** How often the base classifier returns each class on {@code samples} noisy copies of the image. */
    long[] counts(Images image, int samples, SeededNoise noise, CancellationToken cancellation) {
        long[] counts = new long[model.numClasses()];
        INDArray clean = image.toArray();
        for (int done = 0; done < samples; done += options.batchSize()) {
            cancellation.throwIfCancelled();
            int m = Math.min(options.batchSize(), samples - done);
            long[] shape = clean.shape().clone();
            shape[0] = m;
            INDArray batch = noise.gaussian(m, clean.length()).muli(options.sigma())
                    .addiRowVector(clean.reshape(1, clean.length())).reshape('c', shape);
            for (int c : model.predict(batch)) {
                counts[c]++;
            }
        }
        return counts;
    }

    private static int argmax(long[] counts) {
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void checkOne(Images image) {
        if (image.count() != 1) {
            throw new IllegalArgumentException("certify one image at a time, got " + image.count());
        }
    }
}
