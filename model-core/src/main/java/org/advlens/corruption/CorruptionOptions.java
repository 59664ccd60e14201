package org.advlens.corruption;

import org.advlens.model.InputSpec;

/**
 * How corruptions read an image: the value range that stands for black..white, and the spatial scale.
 *
 * <p>The reference constants are set for 224-pixel ImageNet images. Lengths in pixels (blur widths, disk and
 * motion radii, glass-blur shuffle distances, snow flake size, spatter and elastic smoothing) are multiplied by
 * the spatial scale; relative parameters (zoom factors, pixelation factor, fog, noise levels, colour changes,
 * JPEG quality) are not. The default scale is {@code sqrt(min(height, width) / 224)}: 1 at 224 pixels, 0.354 at
 * 28. A purely proportional scale (0.125 at 28) shrinks the first severities' blurs below a pixel, where they no
 * longer change a small image; a scale of 1 would blur a 28-pixel image away. The square root keeps every
 * severity visible and distinct on small images while staying milder in pixels than the reference.
 *
 * @param lower the value of black
 * @param upper the value of white
 * @param spatialScale the factor on the reference's lengths in pixels, in (0, 16]
 */
public record CorruptionOptions(double lower, double upper, double spatialScale) {

    /** Reference image side the severity constants were set for. */
    public static final int REFERENCE_SIDE = 224;

    public CorruptionOptions {
        if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("value range must be finite with lower < upper, got [" + lower + ", "
                    + upper + "]");
        }
        if (!(spatialScale > 0 && spatialScale <= 16)) {
            throw new IllegalArgumentException("spatial scale must be in (0, 16], got " + spatialScale);
        }
    }

    /** The default spatial scale for images of this size: {@code sqrt(min(height, width) / 224)}. */
    public static double defaultSpatialScale(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        return Math.sqrt(Math.min(height, width) / (double) REFERENCE_SIDE);
    }

    /** The model's value range and the default scale for its input size. */
    public static CorruptionOptions forInput(InputSpec spec) {
        return new CorruptionOptions(spec.lower(), spec.upper(), defaultSpatialScale(spec.height(), spec.width()));
    }

    /** The model's value range and the given scale. */
    public static CorruptionOptions forInput(InputSpec spec, double spatialScale) {
        return new CorruptionOptions(spec.lower(), spec.upper(), spatialScale);
    }
}
