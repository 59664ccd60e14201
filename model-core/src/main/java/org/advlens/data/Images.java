package org.advlens.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of images as plain data: {@code float} pixels in NCHW order, in the model's pixel space.
 * This is what crosses from the engine into the application; it never exposes an ND4J array.
 *
 * @param pixels {@code count * channels * height * width} values, NCHW
 */
public record Images(float[] pixels, int count, int channels, int height, int width) {

    public Images {
        if (count < 0 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("invalid image batch shape " + count + "x" + channels + "x"
                    + height + "x" + width);
        }
        if (pixels == null || pixels.length != (long) count * channels * height * width) {
            throw new IllegalArgumentException("expected " + ((long) count * channels * height * width)
                    + " pixel values for " + count + "x" + channels + "x" + height + "x" + width + ", got "
                    + (pixels == null ? "null" : pixels.length));
        }
    }

    public static Images of(INDArray nchw) {
        if (nchw.rank() != 4) {
            throw new IllegalArgumentException("expected a rank-4 NCHW array, got shape " + Arrays.toString(nchw.shape()));
        }
        long[] s = nchw.shape();
        return new Images(nchw.dup('c').data().asFloat(), (int) s[0], (int) s[1], (int) s[2], (int) s[3]);
    }

    public INDArray toArray() {
        return Nd4j.create(pixels.clone(), new long[] {count, channels, height, width}, 'c');
    }

    public int imageSize() {
        return channels * height * width;
    }

    /** The {@code index}-th image as a batch of one. */
    public Images image(int index) {
        return slice(index, index + 1);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive). */
    public Images slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + count + " images");
        }
        int n = imageSize();
        return new Images(Arrays.copyOfRange(pixels, from * n, to * n), to - from, channels, height, width);
    }

    /** Value of pixel (c, y, x) of image {@code index}. */
    public float get(int index, int c, int y, int x) {
        return pixels[((index * channels + c) * height + y) * width + x];
    }

    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Images i && count == i.count && channels == i.channels && height == i.height
                && width == i.width && Arrays.equals(pixels, i.pixels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pixels) * 31 + count;
    }

    @Override
    public String toString() {
        return "Images[" + count + "x" + channels + "x" + height + "x" + width + "]";
    }
}
