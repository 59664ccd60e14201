package org.advlens.saliency;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Attributions for a batch of images, shaped like the input: {@code count x channels x height x width} floats in
 * NCHW order, as plain data that the application can show without ND4J.
 *
 * @param method the registry name of the method that produced the maps, e.g. {@code "integrated-gradients"}
 * @param values {@code count * channels * height * width} attribution values, NCHW
 * @param count number of images
 * @param channels channels per image (those of the input)
 * @param height image height
 * @param width image width
 * @param targets the class each image's map explains, one per image
 * @param signed whether the sign of a value carries meaning (a vanilla gradient) or the values are magnitudes or
 *               non-negative by construction (an absolute gradient, Grad-CAM)
 * @param completenessDelta per image, {@code sum(map) - (z_t(x) - z_t(baseline))} for methods that satisfy
 *                          completeness (Integrated Gradients); an empty array for the others
 */
public record SaliencyMap(String method, float[] values, int count, int channels, int height, int width,
                          int[] targets, boolean signed, double[] completenessDelta) {

    public SaliencyMap {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method name must not be blank, got '" + method + "'");
        }
        if (count < 0 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("invalid map shape " + count + "x" + channels + "x" + height + "x"
                    + width);
        }
        long n = (long) count * channels * height * width;
        if (values == null || values.length != n) {
            throw new IllegalArgumentException("expected " + n + " values for " + count + "x" + channels + "x"
                    + height + "x" + width + ", got " + (values == null ? "null" : values.length));
        }
        if (targets == null || targets.length != count) {
            throw new IllegalArgumentException("expected " + count + " targets, got "
                    + (targets == null ? "null" : targets.length));
        }
        completenessDelta = completenessDelta == null ? new double[0] : completenessDelta.clone();
        if (completenessDelta.length != 0 && completenessDelta.length != count) {
            throw new IllegalArgumentException("completeness delta needs 0 or " + count + " values, got "
                    + completenessDelta.length);
        }
        values = values.clone();
        targets = targets.clone();
    }

    /** Values per image: channels x height x width. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Whether {@link #completenessDelta()} holds one value per image. */
    public boolean hasCompletenessDelta() {
        return completenessDelta.length == count;
    }

    /** The {@code index}-th image's map, {@code channels x height x width} values. */
    public float[] image(int index) {
        checkIndex(index);
        return Arrays.copyOfRange(values, index * imageSize(), (index + 1) * imageSize());
    }

    /**
     * The {@code index}-th image's map summed over channels, {@code height x width} values row-major: the map to
     * draw. For one channel it is the map itself.
     */
    public float[] plane(int index) {
        return reduce(index, false);
    }

    /** The {@code index}-th image's absolute map summed over channels, {@code height x width} values. */
    public float[] absolutePlane(int index) {
        return reduce(index, true);
    }

    /** The map of image {@code index} alone, as a batch of one. */
    public SaliencyMap select(int index) {
        checkIndex(index);
        return new SaliencyMap(method, image(index), 1, channels, height, width, new int[] {targets[index]}, signed,
                hasCompletenessDelta() ? new double[] {completenessDelta[index]} : new double[0]);
    }

    /** The values as an ND4J array of shape {@code [count, channels, height, width]}, for engine code. */
    public INDArray toArray() {
        return Nd4j.create(values.clone(), new long[] {count, channels, height, width}, 'c');
    }

    /** The shape {@code [count, channels, height, width]}. */
    public int[] shape() {
        return new int[] {count, channels, height, width};
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public int[] targets() {
        return targets.clone();
    }

    /** The class image {@code index}'s map explains. */
    public int target(int index) {
        checkIndex(index);
        return targets[index];
    }

    @Override
    public double[] completenessDelta() {
        return completenessDelta.clone();
    }

    private float[] reduce(int index, boolean absolute) {
        checkIndex(index);
        int plane = height * width;
        float[] out = new float[plane];
        int base = index * imageSize();
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < plane; p++) {
                float v = values[base + c * plane + p];
                out[p] += absolute ? Math.abs(v) : v;
            }
        }
        return out;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("map " + index + " of " + count);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaliencyMap m && method.equals(m.method) && count == m.count && channels == m.channels
                && height == m.height && width == m.width && signed == m.signed && Arrays.equals(values, m.values)
                && Arrays.equals(targets, m.targets) && Arrays.equals(completenessDelta, m.completenessDelta);
    }

    @Override
    public int hashCode() {
        return (method.hashCode() * 31 + Arrays.hashCode(values)) * 31 + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "SaliencyMap[" + method + ", " + count + "x" + channels + "x" + height + "x" + width + "]";
    }
}
