package org.advlens.eval.ood;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;

/**
 * Out-of-distribution images made without any download, from the in-distribution images or from noise, in the
 * model's pixel space {@code [lo, hi]}, as many as the in-distribution set has.
 *
 * <ul>
 *   <li>{@link #UNIFORM}: every pixel i.i.d. uniform on {@code [lo, hi]} (Hendrycks and Gimpel 2017).</li>
 *   <li>{@link #GAUSSIAN}: every pixel i.i.d. normal with mean {@code (lo + hi) / 2} and standard deviation
 *       {@code hi - lo}, clipped to the bounds (on {@code [0, 1]}: N(0.5, 1), as in Hendrycks, Mazeika and
 *       Dietterich, "Deep Anomaly Detection with Outlier Exposure", ICLR 2019).</li>
 *   <li>{@link #INVERTED}: each in-distribution image with its values mirrored, {@code lo + hi - x} (1 - x on
 *       {@code [0, 1]}).</li>
 *   <li>{@link #FLIPPED}: each in-distribution image upside down (rows in reverse order).</li>
 * </ul>
 * Noise is drawn from the given seed with Java's {@link SplittableRandom}, so a set is the same on every run.
 */
public enum BuiltInOodSet {
    UNIFORM, GAUSSIAN, INVERTED, FLIPPED;

    /** The name used on the command line and in files: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A short description for reports. */
    public String description() {
        return switch (this) {
            case UNIFORM -> "i.i.d. uniform noise on the input bounds";
            case GAUSSIAN -> "i.i.d. Gaussian noise, mean mid-range, sd the range, clipped to the bounds";
            case INVERTED -> "the in-distribution images inverted (lo + hi - x)";
            case FLIPPED -> "the in-distribution images flipped upside down";
        };
    }

    /** The built-in set named {@code id} (case-insensitive), or empty. */
    public static java.util.Optional<BuiltInOodSet> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * This set made from {@code inDistribution} (its shape and count; its pixels for the transformed sets).
     *
     * @param spec the model's input description, for the bounds
     * @param seed the noise's seed
     */
    public Images make(Images inDistribution, InputSpec spec, long seed) {
        float lo = (float) spec.lower();
        float hi = (float) spec.upper();
        float[] x = inDistribution.pixels();
        SplittableRandom random = new SplittableRandom(seed);
        switch (this) {
            case UNIFORM -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (lo + (hi - lo) * random.nextDouble());
                }
            }
            case GAUSSIAN -> {
                for (int i = 0; i < x.length; i++) {
                    double v = (lo + hi) / 2.0 + (hi - lo) * random.nextGaussian();
                    x[i] = (float) Math.max(lo, Math.min(hi, v));
                }
            }
            case INVERTED -> {
                for (int i = 0; i < x.length; i++) {
                    x[i] = lo + hi - x[i];
                }
            }
            case FLIPPED -> {
                float[] src = x.clone();
                int h = inDistribution.height();
                int w = inDistribution.width();
                int planes = inDistribution.count() * inDistribution.channels();
                for (int p = 0; p < planes; p++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(src, (p * h + y) * w, x, (p * h + (h - 1 - y)) * w, w);
                    }
                }
            }
            default -> throw new IllegalStateException(this.toString());
        }
        return new Images(x, inDistribution.count(), inDistribution.channels(), inDistribution.height(),
                inDistribution.width());
    }
}
