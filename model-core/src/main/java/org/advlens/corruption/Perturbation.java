package org.advlens.corruption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.advlens.data.Images;

/**
 * Perturbation sequences in the manner of ImageNet-P (Hendrycks and Dietterich 2019): frames of one image under a
 * perturbation that grows a little from frame to frame, whose predictions should not flip. The first frame is the
 * clean image. Noise frames are independent draws of the same strength (the paper compares them with the first
 * frame); the other perturbations grow linearly to their largest value at the last frame: a translation to 15% of
 * the width, a rotation to 15 degrees, a zoom out to 75% size, brightness to +0.3 of the range, and Gaussian blur
 * to 3 reference pixels (times the spatial scale). Geometric frames are sampled bilinearly, edges repeated.
 */
public enum Perturbation {

    GAUSSIAN_NOISE("gaussian_noise", true),
    GAUSSIAN_BLUR("gaussian_blur", false),
    TRANSLATION("translation", false),
    ROTATION("rotation", false),
    BRIGHTNESS("brightness", false),
    SCALE("scale", false);

    /** Standard deviation of the noise frames, in units of the value range. */
    public static final double NOISE_SIGMA = 0.06;

    private final String id;
    private final boolean comparesToFirst;

    Perturbation(String id, boolean comparesToFirst) {
        this.id = id;
        this.comparesToFirst = comparesToFirst;
    }

    public String id() {
        return id;
    }

    /** Whether flips are counted against the first frame (noise) rather than the previous one. */
    public boolean comparesToFirst() {
        return comparesToFirst;
    }

    /**
     * The sequence for one image.
     *
     * @param image one image, pixels in {@code [options.lower(), options.upper()]}
     * @param frames the number of frames, at least 2; frame 0 is the clean image
     * @param seed the seed of the noise frames
     * @return {@code frames} images of the same shape, in the same range
     */
    public Images frames(Images image, int frames, long seed, CorruptionOptions options) {
        if (image == null || image.count() != 1) {
            throw new IllegalArgumentException("need exactly one image, got " + (image == null ? "none"
                    : image.count()));
        }
        if (frames < 2) {
            throw new IllegalArgumentException("a sequence needs at least 2 frames, got " + frames);
        }
        int n = image.imageSize();
        double lower = options.lower();
        double range = options.upper() - lower;
        float[] in = image.pixels();
        float[] unit = new float[n];
        for (int i = 0; i < n; i++) {
            unit[i] = Raster.clip((in[i] - lower) / range);
        }
        Raster x = new Raster(unit, image.channels(), image.height(), image.width());
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[frames * n];
        for (int f = 0; f < frames; f++) {
            float[] frame = f == 0 ? unit : frame(x, (double) f / (frames - 1), random, options.spatialScale());
            for (int i = 0; i < n; i++) {
                out[f * n + i] = (float) Math.min(options.upper(), Math.max(lower, lower + Raster.clip(frame[i])
                        * range));
            }
        }
        return new Images(out, frames, image.channels(), image.height(), image.width());
    }

    private float[] frame(Raster x, double t, SplittableRandom random, double scale) {
        int h = x.height();
        int w = x.width();
        return switch (this) {
            case GAUSSIAN_NOISE -> {
                float[] o = new float[x.v().length];
                for (int i = 0; i < o.length; i++) {
                    o[i] = Raster.clip(x.v()[i] + NOISE_SIGMA * random.nextGaussian());
                }
                yield o;
            }
            case GAUSSIAN_BLUR -> Raster.clip(Filters.gaussian(x, 3 * scale * t));
            case BRIGHTNESS -> {
                float[] o = new float[x.v().length];
                for (int i = 0; i < o.length; i++) {
                    o[i] = Raster.clip(x.v()[i] + 0.3 * t);
                }
                yield o;
            }
            case TRANSLATION -> warp(x, 1, 0, 0.15 * w * t, 0);
            case ROTATION -> {
                double a = Math.toRadians(15 * t);
                yield warp(x, Math.cos(a), Math.sin(a), 0, 0);
            }
            case SCALE -> warp(x, 1 / (1 - 0.25 * t), 0, 0, 0);
        };
    }

    /**
     * Samples each output pixel at the source point {@code centre + s R (p - centre - shift)}, where {@code s R} is
     * the matrix {@code [[a, -b], [b, a]]} (a rotation with scale), bilinearly with edges repeated.
     */
    private static float[] warp(Raster x, double a, double b, double shiftX, double shiftY) {
        int h = x.height();
        int w = x.width();
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        float[] out = new float[x.v().length];
        for (int c = 0; c < x.channels(); c++) {
            float[] plane = x.channel(c);
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    double px = xx - cx - shiftX;
                    double py = y - cy - shiftY;
                    double sx = cx + a * px - b * py;
                    double sy = cy + b * px + a * py;
                    out[c * h * w + y * w + xx] = Raster.clip(Filters.bilinear(plane, h, w, sy, sx,
                            Filters.Edge.NEAREST));
                }
            }
        }
        return out;
    }

    /** The perturbation called {@code name} (case-insensitive; '-' and '_' alike). */
    public static Perturbation byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Perturbation p : values()) {
            if (p.id.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown perturbation '" + name + "': expected one of "
                + Arrays.stream(values()).map(Perturbation::id).collect(Collectors.joining(", ")) + ", or all");
    }

    /** Perturbations from a comma-separated list of names, or {@code all}. */
    public static List<Perturbation> parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("no perturbation given");
        }
        LinkedHashSet<Perturbation> out = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            if (part.trim().equalsIgnoreCase("all")) {
                out.addAll(Arrays.asList(values()));
            } else {
                out.add(byName(part));
            }
        }
        return new ArrayList<>(out);
    }
}
