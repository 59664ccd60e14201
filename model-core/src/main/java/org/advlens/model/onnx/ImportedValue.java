package org.advlens.model.onnx;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A value of the ONNX graph during import: either {@code folded} (known now) or a SameDiff {@code variable} that
 * depends on the input, with its {@code shape} as far as it is known. Every traced value has the batch as its
 * first dimension, written {@code -1}; the other dimensions are static.
 */
record ImportedValue(FoldedTensor folded, SDVariable variable, long[] shape) {

    static ImportedValue of(FoldedTensor t) {
        return new ImportedValue(t, null, t.shape());
    }

    static ImportedValue traced(SDVariable v, long[] shape) {
        return new ImportedValue(null, v, shape.clone());
    }

    boolean isFolded() {
        return folded != null;
    }

    int rank() {
        return shape.length;
    }

    /** Elements per example: the product of all dimensions but the batch. */
    long perExample() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return isFolded() ? "constant " + folded : Arrays.toString(shape);
    }
}
