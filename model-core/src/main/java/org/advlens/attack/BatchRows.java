package org.advlens.attack;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Selecting and writing back examples of a batch {@code [n, ...]}, for attacks that work on the unsolved ones. */
public final class BatchRows {

    private BatchRows() {
    }

    /** Indices {@code i} with {@code mask[i] == value}. */
    public static int[] where(boolean[] mask, boolean value) {
        return java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i] == value).toArray();
    }

    /** A new array holding the examples {@code idx} of {@code a}, in that order. */
    public static INDArray select(INDArray a, int[] idx) {
        long[] shape = a.shape().clone();
        shape[0] = idx.length;
        if (idx.length == 0) {
            return Nd4j.create(a.dataType(), shape);
        }
        INDArray flat = a.reshape('c', a.size(0), -1);
        return Nd4j.pullRows(flat, 1, idx).reshape('c', shape);
    }

    /** Writes the examples of {@code src} into {@code target} at {@code idx}, in place. */
    static void scatter(INDArray target, int[] idx, INDArray src) {
        for (int k = 0; k < idx.length; k++) {
            target.putSlice(idx[k], src.slice(k));
        }
    }

    public static int[] pick(int[] a, int[] idx) {
        return Arrays.stream(idx).map(i -> a[i]).toArray();
    }

    public static double[] pick(double[] a, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> a[i]).toArray();
    }

    /** Per-example values as a column {@code [n, 1]} of the given type. */
    public static INDArray column(double[] v, DataType type) {
        return Nd4j.createFromArray(v).castTo(type).reshape(v.length, 1);
    }

    /** Each example of {@code a} multiplied by its factor (in place where {@code a} is C-ordered). */
    public static INDArray scaleRows(INDArray a, double[] factor) {
        INDArray flat = a.reshape('c', a.size(0), -1);
        return flat.muliColumnVector(column(factor, a.dataType())).reshape('c', a.shape());
    }

    /** Per-example sum of squares. */
    public static double[] sumSquares(INDArray a) {
        INDArray flat = a.reshape('c', a.size(0), -1);
        return flat.mul(flat).sum(1).toDoubleVector();
    }
}
