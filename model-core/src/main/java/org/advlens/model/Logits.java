package org.advlens.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Numerically stable helpers on {@code [n, classes]} logit matrices. */
public final class Logits {

    private Logits() {
    }

    public static INDArray softmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.rows(), 1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(1).reshape(logits.rows(), 1));
    }

    /**
     * The matrix as rows of floats. ND4J's {@code toFloatMatrix()} reads row by row through native calls and took
     * milliseconds for a 100 x 10 matrix; one bulk copy takes microseconds.
     */
    public static float[][] rows(INDArray matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("expected a [n, classes] matrix, got rank " + matrix.rank());
        }
        int n = (int) matrix.rows();
        int k = (int) matrix.columns();
        float[] flat = matrix.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return out;
    }

    /** {@link #softmax} as rows of floats, computed in double precision per row. */
    public static float[][] softmaxRows(INDArray logits) {
        float[][] z = rows(logits);
        for (float[] row : z) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : row) {
                sum += Math.exp(v - max);
            }
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) (Math.exp(row[k] - max) / sum);
            }
        }
        return z;
    }

    /** Per-example softmax cross-entropy {@code -log softmax(z)[y]}. */
    public static double[] crossEntropy(INDArray logits, int[] labels) {
        float[][] z = rows(logits);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : z[i]) {
                sum += Math.exp(v - max);
            }
            out[i] = Math.log(sum) + max - z[i][labels[i]];
        }
        return out;
    }

    public static int[] argmax(INDArray logits) {
        float[][] z = rows(logits);
        int[] out = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            int best = 0;
            for (int k = 1; k < z[i].length; k++) {
                if (z[i][k] > z[i][best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    public static INDArray oneHot(int[] labels, int classes) {
        float[] y = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + classes + ")");
            }
            y[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(y, new long[] {labels.length, classes}, 'c');
    }

    /** {@code log softmax(z / temperature)} of one row, in double precision and stable for large logits. */
    public static double[] logSoftmax(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / temperature);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v / temperature - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            out[k] = z[k] / temperature - log;
        }
        return out;
    }
}
