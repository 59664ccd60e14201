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

    /** Per-example softmax cross-entropy {@code -log softmax(z)[y]}. */
    public static double[] crossEntropy(INDArray logits, int[] labels) {
        float[][] z = logits.toFloatMatrix();
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
        float[][] z = logits.toFloatMatrix();
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
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + classes + ")");
            }
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }
}
