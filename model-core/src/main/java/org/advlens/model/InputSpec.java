package org.advlens.model;

import java.util.Arrays;

/**
 * What a classifier expects as input. Attacks and saliency methods work in <em>pixel space</em>:
 * values in {@code [lower, upper]}, NCHW. If the network was trained on normalised inputs, {@code mean}
 * and {@code std} (one value per channel) are applied inside the classifier, never by an attack.
 *
 * @param channels number of colour channels (1 or 3)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param layout the layout the underlying network expects; the engine converts from NCHW
 * @param lower smallest valid pixel value
 * @param upper largest valid pixel value
 * @param mean per-channel mean subtracted inside the model, or {@code null} for none
 * @param std per-channel standard deviation divided inside the model, or {@code null} for none
 */
public record InputSpec(int channels, int height, int width, ChannelOrder layout,
                        double lower, double upper, double[] mean, double[] std) {

    public InputSpec {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be positive, got " + height + "x" + width);
        }
        if (layout == null) {
            throw new IllegalArgumentException("layout must not be null");
        }
        if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("bounds must be finite with lower < upper, got [" + lower + ", " + upper + "]");
        }
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("mean and std must be given together");
        }
        if (mean != null) {
            if (mean.length != channels || std.length != channels) {
                throw new IllegalArgumentException("mean and std need one value per channel (" + channels + "), got "
                        + mean.length + " and " + std.length);
            }
            for (double s : std) {
                if (!(s > 0)) {
                    throw new IllegalArgumentException("std values must be positive, got " + Arrays.toString(std));
                }
            }
            mean = mean.clone();
            std = std.clone();
        }
    }

    /** Single-channel images in [0, 1], NCHW, without normalisation. */
    public static InputSpec grey(int height, int width) {
        return new InputSpec(1, height, width, ChannelOrder.NCHW, 0, 1, null, null);
    }

    /** Values per image: channels x height x width. */
    public int size() {
        return channels * height * width;
    }

    public long[] shape(int batch) {
        return new long[] {batch, channels, height, width};
    }

    public boolean normalised() {
        return mean != null;
    }

    public double range() {
        return upper - lower;
    }

    @Override
    public double[] mean() {
        return mean == null ? null : mean.clone();
    }

    @Override
    public double[] std() {
        return std == null ? null : std.clone();
    }

    public InputSpec withBounds(double newLower, double newUpper) {
        return new InputSpec(channels, height, width, layout, newLower, newUpper, mean, std);
    }

    public InputSpec withLayout(ChannelOrder newLayout) {
        return new InputSpec(channels, height, width, newLayout, lower, upper, mean, std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && channels == s.channels && height == s.height && width == s.width
                && layout == s.layout && lower == s.lower && upper == s.upper
                && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {channels, height, width, layout.ordinal(), lower, upper})
                * 31 + Arrays.hashCode(mean) * 17 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + " " + layout + " in [" + lower + ", " + upper + "]"
                + (mean == null ? "" : " mean " + Arrays.toString(mean) + " std " + Arrays.toString(std));
    }

    /** The shape of one example as the network sees it: {@code [c, h, w]}, or {@code [h, w, c]} for NHWC. */
    public long[] networkShape() {
        return layout == ChannelOrder.NHWC ? new long[] {height, width, channels} : new long[] {channels, height, width};
    }
}
