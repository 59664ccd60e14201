package org.advlens.saliency.method;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.saliency.ConfiguredMethod;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SampleBatches;

/**
 * SmoothGrad (Smilkov et al., "SmoothGrad: removing noise by adding noise", 2017): the vanilla gradient averaged
 * over copies of the image with Gaussian noise added, {@code (1/n) sum_k d z_t / d x (x + e_k)},
 * {@code e_k ~ N(0, sigma^2)}, {@code sigma = noiseLevel * (upper - lower)} of the model's input bounds. Noisy
 * copies are not clipped to the bounds. The noise comes from one seeded generator drawn in a fixed order, so
 * the result does not depend on the batch size.
 */
public final class SmoothGrad extends ConfiguredMethod<SmoothGrad.Options> {

    public static final String NAME = "smoothgrad";

    /**
     * @param samples number of noisy copies per image
     * @param noiseLevel noise standard deviation as a fraction of the input range (the paper suggests 0.1-0.2)
     * @param seed seed of the noise
     * @param batchSize noisy copies per gradient computation
     */
    public record Options(int samples, double noiseLevel, long seed, int batchSize) {
        public Options {
            if (samples < 1 || samples > 10_000) {
                throw new IllegalArgumentException("samples must be in [1, 10000], got " + samples);
            }
            if (!(noiseLevel >= 0 && noiseLevel <= 10)) {
                throw new IllegalArgumentException("noise level must be in [0, 10], got " + noiseLevel);
            }
            SaliencyInputs.checkBatchSize(batchSize);
        }

        /** 50 samples, noise 15% of the range, seed 0, batch 64. */
        public static Options defaults() {
            return new Options(50, 0.15, 0L, 64);
        }

        public Options withSamples(int n) {
            return new Options(n, noiseLevel, seed, batchSize);
        }

        public Options withNoiseLevel(double level) {
            return new Options(samples, level, seed, batchSize);
        }

        public Options withSeed(long s) {
            return new Options(samples, noiseLevel, s, batchSize);
        }

        public Options withBatchSize(int b) {
            return new Options(samples, noiseLevel, seed, b);
        }
    }

    public SmoothGrad(Options options) {
        super(NAME, "SmoothGrad", options);
    }

    public SmoothGrad() {
        this(Options.defaults());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("samples", options.samples());
        p.put("noise_level", options.noiseLevel());
        p.put("seed", options.seed());
        p.put("batch_size", options.batchSize());
        return p;
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        int size = images.imageSize();
        int samples = options.samples();
        double sigma = options.noiseLevel() * model.inputSpec().range();
        float[] x = images.pixels();
        float[] sum = new float[x.length];
        Random noise = new Random(options.seed());
        SampleBatches.gradients(model, images.count(), samples, size, targets, options.batchSize(), cancellation,
                (image, sample, batch, offset) -> {
                    for (int p = 0; p < size; p++) {
                        batch[offset + p] = (float) (x[image * size + p] + sigma * noise.nextGaussian());
                    }
                },
                (image, sample, g, row) -> {
                    for (int p = 0; p < size; p++) {
                        sum[image * size + p] += g[row * size + p];
                    }
                });
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= samples;
        }
        return new SaliencyMap(name(), sum, images.count(), images.channels(), images.height(), images.width(),
                Arrays.copyOf(targets, targets.length), true, null);
    }
}
