package org.advlens.model.onnx;

import java.util.Arrays;

/**
 * A tensor of the graph being exported: its ONNX name and its dimensions after the batch, in the layout DL4J
 * holds the same activations in (so that a flatten or a concatenation sees exactly DL4J's element order).
 */
record ExportedValue(String name, long[] dims) {

    ExportedValue {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** The rank including the batch dimension. */
    int rank() {
        return dims.length + 1;
    }

    long dim(int axisWithBatch) {
        return dims[axisWithBatch - 1];
    }

    /** The number of elements per example. */
    long size() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** The dimensions after a transpose by {@code perm} (a permutation of all axes, batch first and fixed). */
    long[] permutedDims(int[] perm) {
        long[] out = new long[dims.length];
        for (int i = 1; i < perm.length; i++) {
            out[i - 1] = dims[perm[i] - 1];
        }
        return out;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportedValue v && v.name.equals(name) && Arrays.equals(v.dims, dims);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(dims);
    }
}
