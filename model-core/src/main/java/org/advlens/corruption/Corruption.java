package org.advlens.corruption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.advlens.data.Images;

/**
 * The 15 corruptions of ImageNet-C and the 4 extra ones of Hendrycks and Dietterich, "Benchmarking Neural Network
 * Robustness to Common Corruptions and Perturbations" (ICLR 2019), each at severities 1 to 5 with the constants of
 * the reference implementation (bethgelab/imagecorruptions, {@code corruptions.py}); lengths are scaled to the
 * image size as {@link CorruptionOptions} says.
 *
 * <p>Every corruption is a pure function of the image, the severity and a seed: it works on any channel count and
 * size, returns a new image of the same shape with values in the same range, and draws its randomness only from
 * the seed. The same seed gives the same random draws at every severity, so the severities of one image differ
 * only in their parameters.
 */
public enum Corruption {

    GAUSSIAN_NOISE("gaussian_noise", Category.NOISE, true, NoiseCorruptions::gaussian),
    SHOT_NOISE("shot_noise", Category.NOISE, true, NoiseCorruptions::shot),
    IMPULSE_NOISE("impulse_noise", Category.NOISE, true, NoiseCorruptions::impulse),
    DEFOCUS_BLUR("defocus_blur", Category.BLUR, true, BlurCorruptions::defocus),
    GLASS_BLUR("glass_blur", Category.BLUR, true, BlurCorruptions::glass),
    MOTION_BLUR("motion_blur", Category.BLUR, true, BlurCorruptions::motion),
    ZOOM_BLUR("zoom_blur", Category.BLUR, true, BlurCorruptions::zoom),
    SNOW("snow", Category.WEATHER, true, WeatherCorruptions::snow),
    FROST("frost", Category.WEATHER, true, WeatherCorruptions::frost),
    FOG("fog", Category.WEATHER, true, WeatherCorruptions::fog),
    BRIGHTNESS("brightness", Category.DIGITAL, true, DigitalCorruptions::brightness),
    CONTRAST("contrast", Category.DIGITAL, true, DigitalCorruptions::contrast),
    ELASTIC_TRANSFORM("elastic_transform", Category.DIGITAL, true, DigitalCorruptions::elastic),
    PIXELATE("pixelate", Category.DIGITAL, true, DigitalCorruptions::pixelate),
    JPEG_COMPRESSION("jpeg_compression", Category.DIGITAL, true, DigitalCorruptions::jpeg),
    SPECKLE_NOISE("speckle_noise", Category.NOISE, false, NoiseCorruptions::speckle),
    GAUSSIAN_BLUR("gaussian_blur", Category.BLUR, false, BlurCorruptions::gaussian),
    SPATTER("spatter", Category.WEATHER, false, WeatherCorruptions::spatter),
    SATURATE("saturate", Category.DIGITAL, false, DigitalCorruptions::saturate);

    /** The paper's four groups. */
    public enum Category { NOISE, BLUR, WEATHER, DIGITAL }

    /** Highest severity. */
    public static final int MAX_SEVERITY = 5;

    private final String id;
    private final Category category;
    private final boolean benchmark;
    private final CorruptionFunction function;

    Corruption(String id, Category category, boolean benchmark, CorruptionFunction function) {
        this.id = id;
        this.category = category;
        this.benchmark = benchmark;
        this.function = function;
    }

    /** The reference's name, such as {@code gaussian_noise}. */
    public String id() {
        return id;
    }

    public Category category() {
        return category;
    }

    /** Whether this is one of the 15 ImageNet-C corruptions that mCE averages (the other 4 are the extra set). */
    public boolean benchmark() {
        return benchmark;
    }

    /**
     * Corrupts every image of a batch, each with its own random stream derived from {@code seed}, this corruption
     * and the image's index in the batch (not the severity). Images are corrupted in parallel; the result does not
     * depend on the order.
     *
     * @param images pixels in {@code [options.lower(), options.upper()]}
     * @param severity 1 to 5
     */
    public Images apply(Images images, int severity, long seed, CorruptionOptions options) {
        return apply(images, severity, seed, 0, options);
    }

    /**
     * As {@link #apply(Images, int, long, CorruptionOptions)}, for a batch whose first image is image
     * {@code firstIndex} of a larger set, so that a set corrupted batch by batch gets the same images as in one go.
     */
    public Images apply(Images images, int severity, long seed, int firstIndex, CorruptionOptions options) {
        if (severity < 1 || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be 1 to " + MAX_SEVERITY + ", got " + severity);
        }
        if (images == null || options == null) {
            throw new IllegalArgumentException("images and options are required");
        }
        int n = images.imageSize();
        float[] in = images.pixels();
        float[] out = new float[in.length];
        double lower = options.lower();
        double range = options.upper() - lower;
        IntStream.range(0, images.count()).parallel().forEach(k -> {
            float[] unit = new float[n];
            for (int i = 0; i < n; i++) {
                unit[i] = Raster.clip((in[k * n + i] - lower) / range);
            }
            Raster x = new Raster(unit, images.channels(), images.height(), images.width());
            float[] y = function.apply(x, severity, random(seed, firstIndex + k), options.spatialScale());
            for (int i = 0; i < n; i++) {
                double v = lower + Raster.clip(y[i]) * range;
                out[k * n + i] = (float) Math.min(options.upper(), Math.max(lower, v));
            }
        });
        return new Images(out, images.count(), images.channels(), images.height(), images.width());
    }

    private SplittableRandom random(long seed, int index) {
        return new SplittableRandom(mix(mix(seed) ^ (ordinal() + 1L) * 0x9E3779B97F4A7C15L) + index);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The corruption called {@code name} (case-insensitive; '-' and '_' alike). */
    public static Corruption byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Corruption c : values()) {
            if (c.id.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + name + "': expected one of " + names()
                + ", or all, benchmark or extra");
    }

    /**
     * Corruptions from a comma-separated list of names, or {@code all} (the 19), {@code benchmark} (the 15 of
     * ImageNet-C) or {@code extra} (the other 4); in the order given, without repeats.
     */
    public static List<Corruption> parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("no corruption given: expected all, benchmark, extra or names from "
                    + names());
        }
        LinkedHashSet<Corruption> out = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            switch (p) {
                case "all" -> out.addAll(Arrays.asList(values()));
                case "benchmark" -> Arrays.stream(values()).filter(Corruption::benchmark).forEach(out::add);
                case "extra" -> Arrays.stream(values()).filter(c -> !c.benchmark()).forEach(out::add);
                default -> out.add(byName(part));
            }
        }
        return new ArrayList<>(out);
    }

    /** The names of all 19, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Corruption::id).collect(Collectors.joining(", "));
    }
}
