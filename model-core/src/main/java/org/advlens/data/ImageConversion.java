package org.advlens.data;

import org.advlens.model.InputSpec;

/**
 * The one image pipeline every loader uses to fit images to a model's {@link InputSpec}: channel conversion,
 * resizing, then mapping of {@code [0, 1]} onto the spec's bounds.
 *
 * <ul>
 *   <li>Grey to colour replicates the grey channel; colour to grey takes the ITU-R BT.601 luma
 *       {@code 0.299 R + 0.587 G + 0.114 B}.</li>
 *   <li>Resizing is separable: area averaging along an axis that shrinks, bilinear interpolation with
 *       pixel-centre alignment along one that grows.</li>
 * </ul>
 */
public final class ImageConversion {

    private ImageConversion() {
    }

    /**
     * Converts images with values in {@code [0, 1]} (1 or 3 channels, any size) to the spec's channels, height,
     * width and bounds.
     */
    public static Images fitToSpec(Images unit, InputSpec spec) {
        Images converted = convertChannels(unit, spec.channels());
        Images resized = resize(converted, spec.height(), spec.width());
        return mapBounds(resized, spec.lower(), spec.upper());
    }

    /** Converts between 1 and 3 channels; returns the input when it already has {@code channels}. */
    public static Images convertChannels(Images in, int channels) {
        if (in.channels() == channels) {
            return in;
        }
        int plane = in.height() * in.width();
        float[] src = in.pixels();
        float[] out = new float[in.count() * channels * plane];
        if (in.channels() == 1 && channels == 3) {
            for (int i = 0; i < in.count(); i++) {
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(src, i * plane, out, (i * 3 + c) * plane, plane);
                }
            }
        } else if (in.channels() == 3 && channels == 1) {
            for (int i = 0; i < in.count(); i++) {
                int base = i * 3 * plane;
                for (int p = 0; p < plane; p++) {
                    out[i * plane + p] = 0.299f * src[base + p] + 0.587f * src[base + plane + p]
                            + 0.114f * src[base + 2 * plane + p];
                }
            }
        } else {
            throw new IllegalArgumentException("cannot convert " + in.channels() + " channels to " + channels
                    + "; only 1 and 3 are supported");
        }
        return new Images(out, in.count(), channels, in.height(), in.width());
    }

    /** Resizes every channel of every image to {@code height x width}. */
    public static Images resize(Images in, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + height + "x" + width);
        }
        if (in.height() == height && in.width() == width) {
            return in;
        }
        Axis rows = Axis.of(in.height(), height);
        Axis cols = Axis.of(in.width(), width);
        float[] src = in.pixels();
        int planes = in.count() * in.channels();
        int inPlane = in.height() * in.width();
        float[] out = new float[planes * height * width];
        float[] tmp = new float[in.height() * width];
        for (int p = 0; p < planes; p++) {
            int s = p * inPlane;
            for (int y = 0; y < in.height(); y++) {
                for (int x = 0; x < width; x++) {
                    tmp[y * width + x] = cols.sample(src, s + y * in.width(), 1, x);
                }
            }
            int d = p * height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[d + y * width + x] = rows.sample(tmp, x, width, y);
                }
            }
        }
        return new Images(out, in.count(), in.channels(), height, width);
    }

    /** Maps values from {@code [0, 1]} to {@code [lower, upper]}. */
    public static Images mapBounds(Images unit, double lower, double upper) {
        if (lower == 0 && upper == 1) {
            return unit;
        }
        float[] px = unit.pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (lower + px[i] * (upper - lower));
        }
        return new Images(px, unit.count(), unit.channels(), unit.height(), unit.width());
    }

    /** Maps values from {@code [lower, upper]} back to {@code [0, 1]}, clipping values outside. */
    public static Images toUnit(Images images, double lower, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("bounds must satisfy lower < upper, got [" + lower + ", " + upper + "]");
        }
        float[] px = images.pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.min(1, Math.max(0, (px[i] - lower) / (upper - lower)));
        }
        return new Images(px, images.count(), images.channels(), images.height(), images.width());
    }

    /** One-dimensional resampling weights: output index i reads {@code index[i][k]} with {@code weight[i][k]}. */
    private record Axis(int[][] index, float[][] weight) {

        static Axis of(int in, int out) {
            int[][] index = new int[out][];
            float[][] weight = new float[out][];
            double scale = (double) in / out;
            for (int i = 0; i < out; i++) {
                if (scale > 1) {
                    double from = i * scale;
                    double to = from + scale;
                    int first = (int) Math.floor(from);
                    int last = Math.min(in - 1, (int) Math.ceil(to) - 1);
                    index[i] = new int[last - first + 1];
                    weight[i] = new float[last - first + 1];
                    for (int j = first; j <= last; j++) {
                        double overlap = Math.min(to, j + 1) - Math.max(from, j);
                        index[i][j - first] = j;
                        weight[i][j - first] = (float) (overlap / scale);
                    }
                } else {
                    double pos = Math.min(in - 1, Math.max(0, (i + 0.5) * scale - 0.5));
                    int j0 = (int) Math.floor(pos);
                    int j1 = Math.min(in - 1, j0 + 1);
                    float f = (float) (pos - j0);
                    index[i] = new int[] {j0, j1};
                    weight[i] = new float[] {1 - f, f};
                }
            }
            return new Axis(index, weight);
        }

        float sample(float[] data, int offset, int stride, int i) {
            int[] idx = index[i];
            float[] w = weight[i];
            float sum = 0;
            for (int k = 0; k < idx.length; k++) {
                sum += w[k] * data[offset + idx[k] * stride];
            }
            return sum;
        }
    }
}
