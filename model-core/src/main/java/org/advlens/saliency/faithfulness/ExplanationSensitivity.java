package org.advlens.saliency.faithfulness;

import java.util.SplittableRandom;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;

/**
 * Max- and average-sensitivity (Yeh, Hsieh, Suggala, Inouye and Ravikumar, "On the (In)fidelity and Sensitivity
 * of Explanations", NeurIPS 2019): how much a map changes when the input moves a little. Each of {@code samples}
 * perturbations adds independent uniform noise in {@code [-radius, radius]} to every input value (clipped to the
 * pixel bounds) and explains the same class; the change is {@code ||e(x') - e(x)||_2 / ||e(x)||_2}, relative so
 * that methods of different scales compare (the plain norm where the map is all zeros). Max-sensitivity is the
 * largest change over the samples, average-sensitivity the mean. Lower is more robust.
 *
 * @param max the largest relative change
 * @param average the mean relative change
 */
public record ExplanationSensitivity(double max, double average) {

    public ExplanationSensitivity {
        if (!(max >= 0) || !(average >= 0) || average > max + 1e-12) {
            throw new IllegalArgumentException("sensitivities need 0 <= average <= max, got average " + average
                    + " and max " + max);
        }
    }

    /**
     * @param image a batch of one image
     * @param map the method's map of that image for {@code target}
     */
    public static ExplanationSensitivity of(SaliencyMethod method, Classifier model, Images image, int target,
                                            float[] map, int samples, double radius, SplittableRandom random,
                                            CancellationToken cancellation) {
        if (image.count() != 1) {
            throw new IllegalArgumentException("sensitivity takes one image at a time, got " + image.count());
        }
        if (samples < 1) {
            throw new IllegalArgumentException("sensitivity needs at least one sample, got " + samples);
        }
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("the noise radius must be finite and > 0, got " + radius);
        }
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        float[] x = image.pixels();
        int size = x.length;
        float[] batch = new float[samples * size];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < size; i++) {
                double v = x[i] + radius * (2 * random.nextDouble() - 1);
                batch[s * size + i] = (float) Math.max(lower, Math.min(upper, v));
            }
        }
        int[] targets = new int[samples];
        java.util.Arrays.fill(targets, target);
        SaliencyMap noisy = method.attribute(model,
                new Images(batch, samples, image.channels(), image.height(), image.width()), targets, cancellation);
        float[] all = noisy.values();
        double norm = 0;
        for (float v : map) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        double max = 0;
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            double d = 0;
            for (int i = 0; i < size; i++) {
                double diff = all[s * size + i] - map[i];
                d += diff * diff;
            }
            double change = Math.sqrt(d) / (norm > 0 ? norm : 1);
            max = Math.max(max, change);
            sum += change;
        }
        return new ExplanationSensitivity(max, Math.min(max, sum / samples));
    }
}
