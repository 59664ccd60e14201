package org.advlens.model.runtime;

import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A load-time check of a classifier's input gradient against central differences of its own logits, along
 * random sign directions at a random image inside the bounds: the gradient engine's safety net, so that a model
 * whose graph it differentiates wrongly falls back to a slower path instead of giving wrong gradients.
 *
 * <p>With a step of {@code t} per pixel along a direction {@code d} of signs, the difference quotient must match
 * {@code g . d} to within {@value #TOLERANCE} of {@code sum |g|}, the largest value {@code g . d} can take; a
 * wrong rule gives errors of the order of {@code sum |g|} itself, kinks crossed by the small step far less.
 */
final class GradientSelfCheck {

    static final double TOLERANCE = 0.05;
    private static final int DIRECTIONS = 3;

    private GradientSelfCheck() {
    }

    /** A description of the disagreement, or empty if the gradient agrees. */
    static Optional<String> problem(Classifier c, long seed) {
        InputSpec spec = c.inputSpec();
        Random r = new Random(seed);
        float[] pixels = new float[spec.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (spec.lower() + spec.range() * (0.1 + 0.8 * r.nextDouble()));
        }
        INDArray x = Nd4j.create(pixels, spec.shape(1), 'c');
        float[] w = new float[c.numClasses()];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) r.nextGaussian();
        }
        INDArray weights = Nd4j.create(w, new long[] {1, w.length}, 'c');
        INDArray g = c.logitGradient(x, weights).castTo(DataType.DOUBLE);
        double scale = g.norm1Number().doubleValue();
        if (!Double.isFinite(scale)) {
            return Optional.of("the input gradient is not finite");
        }
        double step = 1e-3 * spec.range();
        for (int k = 0; k < DIRECTIONS; k++) {
            float[] signs = new float[pixels.length];
            for (int i = 0; i < signs.length; i++) {
                signs[i] = r.nextBoolean() ? 1f : -1f;
            }
            INDArray d = Nd4j.create(signs, spec.shape(1), 'c');
            double up = objective(c, x.add(d.mul(step)), weights);
            double down = objective(c, x.sub(d.mul(step)), weights);
            double numeric = (up - down) / (2 * step);
            double analytic = g.mul(d.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
            double rounding = 1e-5 * (Math.abs(up) + Math.abs(down)) / step; // float32 logits, amply
            if (Math.abs(numeric - analytic) > TOLERANCE * scale + rounding) {
                return Optional.of(String.format(Locale.ROOT, "the input gradient disagrees with finite differences"
                        + " (directional derivative %.5g, difference quotient %.5g, gradient L1 norm %.5g)",
                        analytic, numeric, scale));
            }
        }
        return Optional.empty();
    }

    private static double objective(Classifier c, INDArray x, INDArray weights) {
        return c.logits(x).castTo(DataType.DOUBLE).mul(weights.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }
}
