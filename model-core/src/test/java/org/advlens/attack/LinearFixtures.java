package org.advlens.attack;

import java.util.Random;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small linear models and inputs whose decision boundaries are known in closed form. */
final class LinearFixtures {

    private LinearFixtures() {
    }

    static InputSpec spec(int h, int w) {
        return new InputSpec(1, h, w, ChannelOrder.NCHW, 0, 1, null, null);
    }

    /** Gaussian weights {@code [classes][h*w]}, seeded. */
    static float[][] weights(int classes, int d, long seed) {
        Random r = new Random(seed);
        float[][] w = new float[classes][d];
        for (float[] row : w) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return w;
    }

    /** {@code n} images with values uniform in {@code [lo, hi]}, seeded. */
    static INDArray images(int n, int h, int w, double lo, double hi, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return Nd4j.createFromArray(px).reshape(n, 1, h, w);
    }

    /** Exact logits {@code W x + b} in double precision. */
    static double[] logits(float[][] w, float[] b, float[] x) {
        double[] z = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            z[k] = b[k];
            for (int j = 0; j < x.length; j++) {
                z[k] += (double) w[k][j] * x[j];
            }
        }
        return z;
    }

    static int argmax(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * The exact distance from {@code x} to the region where class {@code y} stops winning, ignoring the bounds:
     * {@code min_k (z_y - z_k) / ||w_y - w_k||_q}, with q = 2 for L2 and q = 1 (the dual of L-inf) for L-inf.
     */
    static double boundaryDistance(float[][] w, float[] b, float[] x, int y, Norm norm) {
        double[] z = logits(w, b, x);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            if (k == y) {
                continue;
            }
            double dual = 0;
            for (int j = 0; j < x.length; j++) {
                double d = (double) w[y][j] - w[k][j];
                dual += norm == Norm.L2 ? d * d : Math.abs(d);
            }
            dual = norm == Norm.L2 ? Math.sqrt(dual) : dual;
            best = Math.min(best, (z[y] - z[k]) / dual);
        }
        return best;
    }

    static LinearClassifier model(int h, int w, float[][] weights, float[] bias) {
        return new LinearClassifier(spec(h, w), weights, bias);
    }

    static float[] row(INDArray x, int i) {
        return x.slice(i).reshape(-1).toFloatVector();
    }
}
