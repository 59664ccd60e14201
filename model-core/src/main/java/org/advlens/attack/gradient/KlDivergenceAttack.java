package org.advlens.attack.gradient;

import java.util.SplittableRandom;
import org.advlens.attack.Norm;
import org.advlens.attack.PerturbationSteps;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;

/**
 * The inner maximisation of TRADES (Zhang, Yu, Jiao, Xing, El Ghaoui and Jordan, "Theoretically Principled
 * Trade-off between Robustness and Accuracy", ICML 2019, Algorithm 1): from {@code x + 0.001 N(0, I)}, steps of
 * projected steepest ascent on {@code KL(p || f(x'))}, where {@code p} is the classifier's clean prediction, held
 * fixed. Its input gradient is that of the soft-label cross-entropy {@code sum_k p_k (-log softmax(z(x'))_k)},
 * which the gradient engine computes in one run. After every step the example is projected onto the
 * {@code epsilon}-ball around {@code x} and clipped to the model's bounds.
 *
 * <p>It needs no labels: the examples move away from whatever the model predicts on the clean images.
 */
public final class KlDivergenceAttack {

    /** The standard deviation of the starting point's noise, in pixel units (the paper's 0.001). */
    public static final double START_SIGMA = 0.001;

    private KlDivergenceAttack() {
    }

    /**
     * Returns the examples that maximise the KL divergence from {@code cleanProbabilities}.
     *
     * @param classifier the model, on the gradient engine for speed
     * @param x {@code n} row-major images in pixel space, not modified
     * @param n the number of images
     * @param cleanProbabilities the model's softmax on {@code x}, {@code n * classes} values
     * @param epsilon the radius of the ball, in pixel units
     * @param norm the ball's norm
     * @param steps the number of ascent steps (at least 1)
     * @param stepSize the length of each step, in pixel units
     * @param seed the seed of the starting point's noise
     * @param cancellation polled before every step
     */
    public static float[] perturb(Classifier classifier, float[] x, int n, float[] cleanProbabilities,
                                  double epsilon, Norm norm, int steps, double stepSize, long seed,
                                  CancellationToken cancellation) {
        int classes = classifier.numClasses();
        if (n < 1 || x.length % n != 0) {
            throw new IllegalArgumentException("x must hold n >= 1 images of equal size, got " + x.length
                    + " values for n = " + n);
        }
        if (cleanProbabilities.length != n * classes) {
            throw new IllegalArgumentException("cleanProbabilities must hold n * classes = " + n * classes
                    + " values, got " + cleanProbabilities.length);
        }
        if (!(epsilon > 0) || !(stepSize > 0) || steps < 1) {
            throw new IllegalArgumentException("epsilon and stepSize must be positive and steps at least 1, got "
                    + epsilon + ", " + stepSize + ", " + steps);
        }
        int size = x.length / n;
        InputSpec spec = classifier.inputSpec();
        SplittableRandom random = new SplittableRandom(seed);
        float[] adv = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            adv[i] = (float) (x[i] + START_SIGMA * gaussian(random));
        }
        PerturbationSteps.projectAndClip(adv, x, epsilon, norm, spec.lower(), spec.upper(), size);
        float[] logits = new float[n * classes];
        float[] gradient = new float[x.length];
        for (int step = 0; step < steps; step++) {
            cancellation.throwIfCancelled();
            classifier.logitsAndGradient(adv, n, cleanProbabilities, null, logits, gradient);
            PerturbationSteps.ascend(adv, gradient, 1, stepSize, norm, size);
            PerturbationSteps.projectAndClip(adv, x, epsilon, norm, spec.lower(), spec.upper(), size);
        }
        return adv;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller on two uniforms in (0, 1]
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
