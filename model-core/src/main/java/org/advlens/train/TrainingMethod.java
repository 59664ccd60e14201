package org.advlens.train;

import java.util.List;
import java.util.Locale;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;

/**
 * How each minibatch is turned into what the network is fitted on.
 *
 * <ul>
 *   <li>{@link Kind#STANDARD}: the clean images.</li>
 *   <li>{@link Kind#PGD_AT}: PGD adversarial training (Madry et al., "Towards Deep Learning Models Resistant to
 *       Adversarial Attacks", ICLR 2018): the network is fitted on PGD examples of the minibatch, {@code steps}
 *       steps of {@code relativeStepSize * epsilon} from a random start in the ball.</li>
 *   <li>{@link Kind#FAST_AT}: fast adversarial training (Wong, Rice and Kolter, "Fast is better than free:
 *       Revisiting adversarial training", ICLR 2020): one FGSM step of {@code 1.25 * epsilon} from a uniform random
 *       start, projected onto the ball.</li>
 *   <li>{@link Kind#NOISE}: Gaussian data augmentation, {@code x + N(0, sigma^2)} per pixel and not clipped, the
 *       training that makes randomized smoothing useful (Cohen, Rosenfeld and Kolter, "Certified Adversarial
 *       Robustness via Randomized Smoothing", ICML 2019).</li>
 *   <li>{@link Kind#MIXUP}: mixup (Zhang, Cisse, Dauphin and Lopez-Paz, "mixup: Beyond Empirical Risk
 *       Minimization", ICLR 2018): each example mixed with another of the minibatch, {@code lambda x_i +
 *       (1 - lambda) x_j} with the same mix of their one-hot labels, {@code lambda ~ Beta(alpha, alpha)} per
 *       minibatch.</li>
 *   <li>{@link Kind#MANIFOLD_MIXUP}: manifold mixup (Verma, Lamb, Beckham, Najafi, Mitliagkas, Lopez-Paz and
 *       Bengio, "Manifold Mixup: Better Representations by Interpolating Hidden States", ICML 2019): as mixup, but
 *       the minibatch is mixed at the input of a layer drawn per minibatch from {@code mixupLayers} and the
 *       gradient flows back through the mix ({@link ManifoldMixing}).</li>
 *   <li>{@link Kind#TRADES}: TRADES (Zhang, Yu, Jiao, Xing, El Ghaoui and Jordan, "Theoretically Principled
 *       Trade-off between Robustness and Accuracy", ICML 2019): the network is fitted on the clean minibatch and on
 *       the examples that maximise the KL divergence from its clean prediction, with the loss
 *       {@code CE(f(x), y) + beta KL(f(x) || f(x'))} ({@link TradesLoss}).</li>
 *   <li>{@link Kind#DISTILLATION}: defensive distillation (Papernot, McDaniel, Wu, Jha and Swami, "Distillation as
 *       a Defense to Adversarial Perturbations against Deep Neural Networks", IEEE S&amp;P 2016): a teacher trained
 *       at temperature {@code T} labels the training images with its soft predictions at {@code T}, a student of
 *       the same architecture is trained on them at {@code T} and deployed at temperature 1 ({@link
 *       Distillation}).</li>
 * </ul>
 * Any kind can add Parseval regularisation (Cisse, Bojanowski, Grave, Dauphin and Usunier, "Parseval Networks:
 * Improving Robustness to Adversarial Examples", ICML 2017): after every update each weight matrix takes the
 * retraction step {@code W <- (1 + beta) W - beta W W^T W} towards the orthonormal rows ({@link
 * ParsevalRetraction}).
 * The examples are made on the gradient engine with the network's current weights, and verified (projected and
 * clipped) like every attack's.
 *
 * @param kind the method
 * @param norm the perturbation norm
 * @param epsilon the radius of the ball, in pixel units; 0 for standard training
 * @param steps attack steps per minibatch
 * @param relativeStepSize step size as a fraction of epsilon
 * @param noiseSigma the noise's standard deviation, in pixel units, for {@link Kind#NOISE}; 0 otherwise
 * @param mixupAlpha the Beta distribution's parameter for {@link Kind#MIXUP}; 0 otherwise
 * @param tradesBeta the weight of the KL term for {@link Kind#TRADES}; 0 otherwise
 * @param temperature the softmax temperature for {@link Kind#DISTILLATION}; 0 otherwise
 * @param parsevalBeta the retraction step of Parseval regularisation; 0 for none
 * @param mixupLayers for {@link Kind#MANIFOLD_MIXUP}, the layers at whose input a minibatch may be mixed, one
 *                    drawn per minibatch (0 is the image itself); empty otherwise
 */
public record TrainingMethod(Kind kind, Norm norm, double epsilon, int steps, double relativeStepSize,
                             double noiseSigma, double mixupAlpha, double tradesBeta, double temperature,
                             double parsevalBeta, List<Integer> mixupLayers) {

    /** The kinds of training. */
    public enum Kind {
        STANDARD("standard"),
        PGD_AT("pgd-at"),
        FAST_AT("fast-at"),
        NOISE("noise"),
        MIXUP("mixup"),
        MANIFOLD_MIXUP("manifold-mixup"),
        TRADES("trades"),
        DISTILLATION("distillation");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The kind named {@code text}, e.g. {@code standard}, {@code pgd-at} or {@code trades}. */
        public static Kind parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.label.equals(t)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown training method '" + text + "': expected standard, pgd-at,"
                    + " fast-at, noise, mixup, manifold-mixup, trades or distillation");
        }
    }

    /** PGD-AT steps and step size of the Fashion-MNIST recipe (7 steps of 0.25 epsilon). */
    public static final int PGD_STEPS = 7;
    public static final double PGD_RELATIVE_STEP = 0.25;
    /** Fast-AT's step, as a fraction of epsilon (Wong et al. 2020). */
    public static final double FAST_RELATIVE_STEP = 1.25;
    /**
     * Manifold mixup's layers for the bundled architecture: the images, the second convolution's input and the
     * dense layer's input (Verma et al. mix at the input and after the first residual stages).
     */
    public static final List<Integer> MANIFOLD_MIXUP_LAYERS = List.of(0, 2, 4);
    /** TRADES' weight of the KL term in the paper's experiments (1/lambda = 6). */
    public static final double TRADES_BETA = 6;
    /** The distillation temperature of Papernot et al.'s MNIST experiments. */
    public static final double DISTILLATION_TEMPERATURE = 100;

    public TrainingMethod {
        if (kind == null || norm == null) {
            throw new IllegalArgumentException("kind and norm are required");
        }
        if (kind != Kind.NOISE && noiseSigma != 0) {
            throw new IllegalArgumentException(kind.label() + " has no noise sigma, got " + noiseSigma);
        }
        if (kind != Kind.MIXUP && kind != Kind.MANIFOLD_MIXUP && mixupAlpha != 0) {
            throw new IllegalArgumentException(kind.label() + " has no mixup alpha, got " + mixupAlpha);
        }
        if (kind == Kind.NOISE && !(noiseSigma > 0 && noiseSigma <= 10)) {
            throw new IllegalArgumentException("noise sigma must be in (0, 10], got " + noiseSigma);
        }
        if ((kind == Kind.MIXUP || kind == Kind.MANIFOLD_MIXUP) && !(mixupAlpha > 0 && mixupAlpha <= 100)) {
            throw new IllegalArgumentException("mixup alpha must be in (0, 100], got " + mixupAlpha);
        }
        if (kind != Kind.TRADES && tradesBeta != 0) {
            throw new IllegalArgumentException(kind.label() + " has no TRADES beta, got " + tradesBeta);
        }
        if (kind == Kind.TRADES && !(tradesBeta > 0 && tradesBeta <= 1000)) {
            throw new IllegalArgumentException("TRADES beta must be in (0, 1000], got " + tradesBeta);
        }
        if (kind != Kind.DISTILLATION && temperature != 0) {
            throw new IllegalArgumentException(kind.label() + " has no temperature, got " + temperature);
        }
        if (kind == Kind.DISTILLATION && !(temperature > 0 && temperature <= 10_000)) {
            throw new IllegalArgumentException("distillation temperature must be in (0, 10000], got " + temperature);
        }
        mixupLayers = mixupLayers == null ? List.of() : List.copyOf(new java.util.TreeSet<>(mixupLayers));
        if (kind != Kind.MANIFOLD_MIXUP && !mixupLayers.isEmpty()) {
            throw new IllegalArgumentException(kind.label() + " has no mixup layers, got " + mixupLayers);
        }
        if (kind == Kind.MANIFOLD_MIXUP && (mixupLayers.isEmpty() || mixupLayers.get(0) < 0)) {
            throw new IllegalArgumentException("manifold mixup needs one or more layer indices (0 is the image), got "
                    + mixupLayers);
        }
        if (!(parsevalBeta >= 0 && parsevalBeta <= 0.1)) {
            throw new IllegalArgumentException("Parseval beta must be in [0, 0.1] (0 for none), got " + parsevalBeta);
        }
        if (!adversarialKind(kind)) {
            if (epsilon != 0) {
                throw new IllegalArgumentException(kind.label() + " training has no epsilon, got " + epsilon);
            }
        } else {
            if (!(epsilon > 0 && Double.isFinite(epsilon))) {
                throw new IllegalArgumentException("epsilon must be positive for " + kind.label() + ", got "
                        + epsilon);
            }
            if (steps < 1 || steps > 1000) {
                throw new IllegalArgumentException("steps must be in [1, 1000], got " + steps);
            }
            if (!(relativeStepSize > 0 && relativeStepSize <= 10)) {
                throw new IllegalArgumentException("relative step size must be in (0, 10], got " + relativeStepSize);
            }
        }
    }

    public static TrainingMethod standard() {
        return new TrainingMethod(Kind.STANDARD, Norm.LINF, 0, 1, 1, 0, 0, 0, 0, 0, List.of());
    }

    /** Gaussian noise of standard deviation {@code sigma} added to every training image. */
    public static TrainingMethod noise(double sigma) {
        return new TrainingMethod(Kind.NOISE, Norm.LINF, 0, 1, 1, sigma, 0, 0, 0, 0, List.of());
    }

    /** Mixup with {@code lambda ~ Beta(alpha, alpha)}. */
    public static TrainingMethod mixup(double alpha) {
        return new TrainingMethod(Kind.MIXUP, Norm.LINF, 0, 1, 1, 0, alpha, 0, 0, 0, List.of());
    }

    /** Manifold mixup with {@code lambda ~ Beta(alpha, alpha)} at a layer drawn from {@code layers} per minibatch. */
    public static TrainingMethod manifoldMixup(double alpha, List<Integer> layers) {
        return new TrainingMethod(Kind.MANIFOLD_MIXUP, Norm.LINF, 0, 1, 1, 0, alpha, 0, 0, 0, layers);
    }

    /**
     * TRADES with {@code steps} steps of {@code relativeStepSize * epsilon} maximising the KL divergence, and the
     * KL term weighted by {@code beta}.
     */
    public static TrainingMethod trades(Norm norm, double epsilon, int steps, double relativeStepSize, double beta) {
        return new TrainingMethod(Kind.TRADES, norm, epsilon, steps, relativeStepSize, 0, 0, beta, 0, 0, List.of());
    }

    /** Defensive distillation at {@code temperature}. */
    public static TrainingMethod distillation(double temperature) {
        return new TrainingMethod(Kind.DISTILLATION, Norm.LINF, 0, 1, 1, 0, 0, 0, temperature, 0, List.of());
    }

    /** This method with Parseval regularisation of retraction step {@code beta} (0 for none). */
    public TrainingMethod withParseval(double beta) {
        return new TrainingMethod(kind, norm, epsilon, steps, relativeStepSize, noiseSigma, mixupAlpha, tradesBeta,
                temperature, beta, mixupLayers);
    }

    private static boolean adversarialKind(Kind kind) {
        return kind == Kind.PGD_AT || kind == Kind.FAST_AT || kind == Kind.TRADES;
    }

    /** PGD adversarial training with {@code steps} steps of {@code relativeStepSize * epsilon}. */
    public static TrainingMethod pgd(Norm norm, double epsilon, int steps, double relativeStepSize) {
        return new TrainingMethod(Kind.PGD_AT, norm, epsilon, steps, relativeStepSize, 0, 0, 0, 0, 0, List.of());
    }

    /** Fast adversarial training: one step of 1.25 epsilon from a random start. */
    public static TrainingMethod fast(Norm norm, double epsilon) {
        return new TrainingMethod(Kind.FAST_AT, norm, epsilon, 1, FAST_RELATIVE_STEP, 0, 0, 0, 0, 0, List.of());
    }

    public boolean adversarial() {
        return adversarialKind(kind);
    }

    /** The attack of one minibatch, seeded. */
    AttackParams attackParams(long seed) {
        return AttackParams.defaults().withNorm(norm).withSteps(steps).withRelativeStepSize(relativeStepSize)
                .withRestarts(1).withSeed(seed);
    }

    /** For logs and model cards, e.g. {@code "pgd-at linf eps 0.1, 7 steps of 0.25 eps"}. */
    public String describe() {
        String base = switch (kind) {
            case STANDARD -> "standard";
            case NOISE -> "noise sigma " + noiseSigma;
            case MIXUP -> "mixup alpha " + mixupAlpha;
            case MANIFOLD_MIXUP -> "manifold-mixup alpha " + mixupAlpha + " at layers " + mixupLayers;
            case DISTILLATION -> "distillation temperature " + temperature;
            default -> String.format(Locale.ROOT, "%s %s eps %s, %d step%s of %s eps%s", kind.label(), norm.label(),
                    epsilon, steps, steps == 1 ? "" : "s", relativeStepSize,
                    kind == Kind.TRADES ? ", beta " + tradesBeta : "");
        };
        return parsevalBeta > 0 ? base + ", Parseval beta " + parsevalBeta : base;
    }
}
