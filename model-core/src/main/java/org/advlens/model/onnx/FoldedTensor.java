package org.advlens.model.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A value known at import time: an initializer, a {@code Constant}, or the result of folding a node whose inputs
 * are all known (the shape arithmetic that exporters emit for {@code x.view(x.size(0), -1)} or for padding).
 * Values are held as {@code double}, row-major; {@code integer} marks ONNX integer and boolean types.
 *
 * <p>The batch size is not known at import time. {@code Shape} of a graph value gives {@link #BATCH} for its first
 * dimension; gathering, concatenating, slicing and reshaping carry that marker along, so a {@code Reshape} can
 * tell which target dimension is the batch. Arithmetic on it is refused.
 */
final class FoldedTensor {

    /** Stands for the batch size inside folded shape vectors. */
    static final double BATCH = -0x1p52;

    private final long[] shape;
    private final double[] data;
    private final boolean integer;

    FoldedTensor(long[] shape, double[] data, boolean integer) {
        if (count(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length
                    + " values");
        }
        this.shape = shape;
        this.data = data;
        this.integer = integer;
    }

    static FoldedTensor of(OnnxTensor t) {
        double[] d = t.toDoubles();
        return new FoldedTensor(t.dimsInPlace().clone(), d, !t.isFloating());
    }

    static FoldedTensor scalar(double v, boolean integer) {
        return new FoldedTensor(new long[0], new double[] {v}, integer);
    }

    static FoldedTensor longs(long... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new FoldedTensor(new long[] {values.length}, d, true);
    }

    long[] shape() {
        return shape.clone();
    }

    int rank() {
        return shape.length;
    }

    int size() {
        return data.length;
    }

    boolean integer() {
        return integer;
    }

    double get(int i) {
        return data[i];
    }

    double[] data() {
        return data.clone();
    }

    boolean containsBatch() {
        for (double v : data) {
            if (v == BATCH) {
                return true;
            }
        }
        return false;
    }

    /** The values as longs (the batch marker stays {@code (long) BATCH}); large values saturate. */
    long[] toLongs() {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) data[i];
        }
        return out;
    }

    INDArray toArray(DataType type) {
        if (shape.length == 0) {
            return Nd4j.scalar(type, data[0]);
        }
        return Nd4j.create(data, shape, 'c').castTo(type);
    }

    FoldedTensor withShape(long[] newShape) {
        return new FoldedTensor(newShape, data, integer);
    }

    /** ONNX Reshape: 0 copies the input dimension, one -1 is inferred. */
    FoldedTensor reshape(long[] target) {
        long[] out = target.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = shape[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape target " + Arrays.toString(target) + " has two -1");
                }
                infer = i;
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            out[infer] = known == 0 ? 0 : data.length / known;
        }
        return withShape(out);
    }

    FoldedTensor transpose(int[] perm) {
        long[] outShape = new long[shape.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
        }
        long[] inStrides = strides(shape);
        double[] out = new double[data.length];
        long[] idx = new long[shape.length];
        for (int k = 0; k < out.length; k++) {
            long src = 0;
            for (int i = 0; i < perm.length; i++) {
                src += idx[i] * inStrides[perm[i]];
            }
            out[k] = data[(int) src];
            increment(idx, outShape);
        }
        return new FoldedTensor(outShape, out, integer);
    }

    /** ONNX Slice with per-axis starts, ends and steps (negative steps run backwards), clamped as ONNX says. */
    FoldedTensor slice(long[] starts, long[] ends, int[] axes, long[] steps) {
        long[] begin = new long[shape.length];
        long[] step = new long[shape.length];
        long[] outShape = shape.clone();
        Arrays.fill(step, 1);
        for (int j = 0; j < axes.length; j++) {
            int a = axes[j];
            long dim = shape[a];
            long s = steps[j];
            if (s == 0) {
                throw new IllegalArgumentException("slice step 0");
            }
            long st = starts[j] < 0 ? starts[j] + dim : starts[j];
            long en = ends[j] < 0 ? (ends[j] == Long.MIN_VALUE ? -1 : ends[j] + dim) : ends[j];
            if (s > 0) {
                st = clamp(st, 0, dim);
                en = clamp(en, 0, dim);
                outShape[a] = Math.max(0, (en - st + s - 1) / s);
            } else {
                st = clamp(st, 0, dim - 1);
                en = clamp(en, -1, dim - 1);
                outShape[a] = Math.max(0, (st - en + (-s) - 1) / (-s));
            }
            begin[a] = st;
            step[a] = s;
        }
        long[] inStrides = strides(shape);
        double[] out = new double[(int) count(outShape)];
        long[] idx = new long[shape.length];
        for (int k = 0; k < out.length; k++) {
            long src = 0;
            for (int i = 0; i < shape.length; i++) {
                src += (begin[i] + idx[i] * step[i]) * inStrides[i];
            }
            out[k] = data[(int) src];
            increment(idx, outShape);
        }
        return new FoldedTensor(outShape, out, integer);
    }

    /** ONNX Gather along {@code axis} with integer indices (negative ones count from the end). */
    FoldedTensor gather(FoldedTensor indices, int axis) {
        long dim = shape[axis];
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        long inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        long[] outShape = new long[shape.length - 1 + indices.rank()];
        int p = 0;
        for (int i = 0; i < axis; i++) {
            outShape[p++] = shape[i];
        }
        for (long d : indices.shape) {
            outShape[p++] = d;
        }
        for (int i = axis + 1; i < shape.length; i++) {
            outShape[p++] = shape[i];
        }
        double[] out = new double[(int) (outer * indices.size() * inner)];
        int k = 0;
        for (long o = 0; o < outer; o++) {
            for (int j = 0; j < indices.size(); j++) {
                long index = (long) indices.data[j];
                index = index < 0 ? index + dim : index;
                if (index < 0 || index >= dim) {
                    throw new IllegalArgumentException("gather index " + (long) indices.data[j] + " outside [0, "
                            + dim + ")");
                }
                for (long i = 0; i < inner; i++) {
                    out[k++] = data[(int) ((o * dim + index) * inner + i)];
                }
            }
        }
        return new FoldedTensor(outShape, out, integer);
    }

    static FoldedTensor concat(List<FoldedTensor> parts, int axis) {
        FoldedTensor first = parts.get(0);
        long[] outShape = first.shape.clone();
        outShape[axis] = 0;
        for (FoldedTensor t : parts) {
            outShape[axis] += t.shape[axis];
        }
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= outShape[i];
        }
        double[] out = new double[(int) count(outShape)];
        int k = 0;
        for (long o = 0; o < outer; o++) {
            for (FoldedTensor t : parts) {
                long block = t.data.length / Math.max(1, outer);
                for (long i = 0; i < block; i++) {
                    out[k++] = t.data[(int) (o * block + i)];
                }
            }
        }
        return new FoldedTensor(outShape, out, parts.stream().allMatch(FoldedTensor::integer));
    }

    /** Element-wise {@code op} with numpy broadcasting; refuses to compute with the batch marker. */
    FoldedTensor combine(FoldedTensor other, DoubleBinaryOperator op, boolean integerResult) {
        if (containsBatch() || other.containsBatch()) {
            throw new IllegalArgumentException("arithmetic on the batch size is not supported");
        }
        long[] outShape = broadcast(shape, other.shape);
        double[] out = new double[(int) count(outShape)];
        long[] idx = new long[outShape.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = op.applyAsDouble(data[broadcastIndex(idx, shape)], other.data[broadcastIndex(idx, other.shape)]);
            increment(idx, outShape);
        }
        return new FoldedTensor(outShape, out, integerResult);
    }

    /** Shape of a numpy broadcast; throws if the shapes do not broadcast. */
    static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private static int broadcastIndex(long[] outIdx, long[] shape) {
        int offset = outIdx.length - shape.length;
        long index = 0;
        for (int i = 0; i < shape.length; i++) {
            index = index * shape[i] + (shape[i] == 1 ? 0 : outIdx[i + offset]);
        }
        return (int) index;
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    private static void increment(long[] idx, long[] shape) {
        for (int i = idx.length - 1; i >= 0; i--) {
            if (++idx[i] < shape[i]) {
                return;
            }
            idx[i] = 0;
        }
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public String toString() {
        return (integer ? "int" : "float") + Arrays.toString(shape) + (data.length <= 8 ? Arrays.toString(data) : "");
    }
}
