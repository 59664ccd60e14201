package org.advlens.saliency.method;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.advlens.data.GaussianBlur;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.saliency.ConfiguredMethod;
import org.advlens.saliency.LogitGradients;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SampleBatches;

/**
 * Integrated Gradients (Sundararajan, Taly and Yan, "Axiomatic Attribution for Deep Networks", 2017):
 * {@code (x - x') * integral_0^1 d z_t / d x (x' + a (x - x')) da} for a baseline {@code x'}, the integral
 * approximated by the trapezoidal rule on {@code steps} equal intervals. By completeness the map sums to
 * {@code z_t(x) - z_t(x')}; the difference, which shrinks as the step count grows, is reported per image as
 * {@link SaliencyMap#completenessDelta()}.
 *
 * <p>Baselines: black (every value at the model's lower bound), the image blurred with a Gaussian (Sturmfels,
 * Lundberg and Lee, "Visualizing the Impact of Feature Attribution Baselines", 2020), or uniform noise over the
 * model's bounds.
 */
public final class IntegratedGradients extends ConfiguredMethod<IntegratedGradients.Options> {

    public static final String NAME = "integrated-gradients";

    /** The reference input the path starts from. */
    public enum Baseline {
        /** Every value at the model's lower bound. */
        BLACK,
        /** The image blurred with a Gaussian of {@code blurSigma} pixels. */
        BLURRED,
        /** Uniform noise over the model's bounds, from the seed. */
        UNIFORM_NOISE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@code black}, {@code blurred}/{@code blur} or {@code uniform-noise}/{@code noise}. */
        public static Baseline parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            return switch (t) {
                case "black", "zero" -> BLACK;
                case "blurred", "blur" -> BLURRED;
                case "uniform-noise", "noise", "uniform" -> UNIFORM_NOISE;
                default -> throw new IllegalArgumentException("unknown baseline '" + text
                        + "': expected black, blurred or uniform-noise");
            };
        }
    }

    /**
     * @param baseline the baseline
     * @param steps number of trapezoidal intervals; {@code steps + 1} gradients per image
     * @param blurSigma standard deviation in pixels of the blurred baseline's Gaussian
     * @param seed seed of the uniform-noise baseline
     * @param batchSize path points per gradient computation
     */
    public record Options(Baseline baseline, int steps, double blurSigma, long seed, int batchSize) {
        public Options {
            if (baseline == null) {
                throw new IllegalArgumentException("baseline must not be null");
            }
            if (steps < 1 || steps > 100_000) {
                throw new IllegalArgumentException("steps must be in [1, 100000], got " + steps);
            }
            if (!(blurSigma > 0 && blurSigma <= 1000)) {
                throw new IllegalArgumentException("blur sigma must be in (0, 1000] pixels, got " + blurSigma);
            }
            SaliencyInputs.checkBatchSize(batchSize);
        }

        /** Black baseline, 50 steps, blur sigma 5 px, seed 0, batch 64. */
        public static Options defaults() {
            return new Options(Baseline.BLACK, 50, 5.0, 0L, 64);
        }

        public Options withBaseline(Baseline b) {
            return new Options(b, steps, blurSigma, seed, batchSize);
        }

        public Options withSteps(int s) {
            return new Options(baseline, s, blurSigma, seed, batchSize);
        }

        public Options withBlurSigma(double s) {
            return new Options(baseline, steps, s, seed, batchSize);
        }

        public Options withSeed(long s) {
            return new Options(baseline, steps, blurSigma, s, batchSize);
        }

        public Options withBatchSize(int b) {
            return new Options(baseline, steps, blurSigma, seed, b);
        }
    }

    public IntegratedGradients(Options options) {
        super(NAME, "Integrated Gradients", options);
    }

    public IntegratedGradients() {
        this(Options.defaults());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("baseline", options.baseline().label());
        p.put("steps", options.steps());
        if (options.baseline() == Baseline.BLURRED) {
            p.put("blur_sigma", options.blurSigma());
        }
        if (options.baseline() == Baseline.UNIFORM_NOISE) {
            p.put("seed", options.seed());
        }
        p.put("batch_size", options.batchSize());
        return p;
    }

    /** The baseline of each image, in the model's pixel space. */
    public Images baseline(InputSpec spec, Images images) {
        float[] b;
        switch (options.baseline()) {
            case BLACK -> {
                b = new float[images.count() * images.imageSize()];
                java.util.Arrays.fill(b, (float) spec.lower());
            }
            case BLURRED -> b = GaussianBlur.blur(images.pixels(), images.count(), images.channels(),
                    images.height(), images.width(), options.blurSigma());
            case UNIFORM_NOISE -> {
                Random r = new Random(options.seed());
                b = new float[images.count() * images.imageSize()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (spec.lower() + r.nextDouble() * spec.range());
                }
            }
            default -> throw new IllegalStateException("unhandled baseline " + options.baseline());
        }
        return new Images(b, images.count(), images.channels(), images.height(), images.width());
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        int size = images.imageSize();
        int points = options.steps() + 1;
        float[] x = images.pixels();
        float[] base = baseline(model.inputSpec(), images).pixels();
        double[] avgGrad = new double[x.length];
        SampleBatches.gradients(model, images.count(), points, size, targets, options.batchSize(), cancellation,
                (image, k, batch, offset) -> {
                    double alpha = (double) k / options.steps();
                    for (int p = 0; p < size; p++) {
                        int i = image * size + p;
                        batch[offset + p] = (float) (base[i] + alpha * (x[i] - base[i]));
                    }
                },
                (image, k, g, row) -> {
                    double w = (k == 0 || k == options.steps() ? 0.5 : 1.0) / options.steps();
                    for (int p = 0; p < size; p++) {
                        avgGrad[image * size + p] += w * g[row * size + p];
                    }
                });
        float[] attr = new float[x.length];
        double[] sums = new double[images.count()];
        for (int i = 0; i < x.length; i++) {
            double a = (x[i] - base[i]) * avgGrad[i];
            attr[i] = (float) a;
            sums[i / size] += a;
        }
        double[] zx = LogitGradients.logits(model, x, targets, options.batchSize(), cancellation);
        double[] zb = LogitGradients.logits(model, base, targets, options.batchSize(), cancellation);
        double[] delta = new double[images.count()];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = sums[i] - (zx[i] - zb[i]);
        }
        return new SaliencyMap(name(), attr, images.count(), images.channels(), images.height(), images.width(),
                targets, true, delta);
    }
}
