package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.advlens.model.Logits;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The TRADES loss on paired minibatches: its value by hand, and its gradient against finite differences. */
class TradesLossTest {

    private static final ActivationSoftmax SOFTMAX = new ActivationSoftmax();

    /** Two pairs over three classes: clean rows first, then adversarial rows. */
    private static INDArray logits() {
        return Nd4j.create(new double[][] {
                {1.0, -0.5, 0.3}, {0.2, 0.8, -1.1},
                {0.4, 0.1, 0.9}, {-0.3, 1.5, 0.2}});
    }

    private static INDArray labels() {
        INDArray y = Logits.oneHot(new int[] {0, 1}, 3).castTo(DataType.DOUBLE);
        return Nd4j.vstack(y, y);
    }

    @Test
    void scoreIsCrossEntropyPlusBetaTimesKlPerPair() {
        double beta = 6;
        double[][] z = logits().toDoubleMatrix();
        double expected = 0;
        int[] y = {0, 1};
        for (int i = 0; i < 2; i++) {
            double[] p = softmax(z[i]);
            double[] q = softmax(z[2 + i]);
            double kl = 0;
            for (int k = 0; k < 3; k++) {
                kl += p[k] * Math.log(p[k] / q[k]);
            }
            expected += -Math.log(p[y[i]]) + beta * kl;
        }
        TradesLoss loss = new TradesLoss(beta);
        assertEquals(expected, loss.computeScore(labels(), logits(), SOFTMAX, null, false), 1e-12);
        assertEquals(expected / 2, loss.computeScore(labels(), logits(), SOFTMAX, null, true), 1e-12,
                "averaged over pairs, not rows");
    }

    @Test
    void gradientIsTwiceTheSummedLossGradientInBothRows() {
        TradesLoss loss = new TradesLoss(6);
        INDArray z = logits();
        double[][] analytic = loss.computeGradient(labels(), z, SOFTMAX, null).toDoubleMatrix();
        double h = 1e-6;
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 3; k++) {
                INDArray plus = z.dup();
                plus.putScalar(r, k, z.getDouble(r, k) + h);
                INDArray minus = z.dup();
                minus.putScalar(r, k, z.getDouble(r, k) - h);
                double numeric = (loss.computeScore(labels(), plus, SOFTMAX, null, false)
                        - loss.computeScore(labels(), minus, SOFTMAX, null, false)) / (2 * h);
                // the network averages over the 2n rows; doubling makes it the mean over pairs
                assertEquals(2 * numeric, analytic[r][k], 1e-6, "row " + r + ", class " + k);
            }
        }
    }

    @Test
    void withoutTheKlTermItIsTheCleanCrossEntropy() {
        INDArray g = new TradesLoss(0).computeGradient(labels(), logits(), SOFTMAX, null);
        double[][] z = logits().toDoubleMatrix();
        double[] p0 = softmax(z[0]);
        assertEquals(2 * (p0[0] - 1), g.getDouble(0, 0), 1e-12);
        assertEquals(2 * p0[1], g.getDouble(0, 1), 1e-12);
        assertEquals(0, g.getRow(2).norm2Number().doubleValue(), 0, "adversarial rows get no gradient");
        assertEquals(0, g.getRow(3).norm2Number().doubleValue(), 0);
    }

    @Test
    void refusesWhatItCannotRead() {
        TradesLoss loss = new TradesLoss(1);
        assertThrows(IllegalStateException.class,
                () -> loss.computeGradient(labels(), logits(), new ActivationIdentity(), null));
        INDArray odd = logits().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loss.computeGradient(odd, odd, SOFTMAX, null));
        assertEquals(true, e.getMessage().contains("[2n, classes]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TradesLoss(-1));
    }

    private static double[] softmax(double[] z) {
        double sum = 0;
        double[] e = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            e[k] = Math.exp(z[k]);
            sum += e[k];
        }
        for (int k = 0; k < z.length; k++) {
            e[k] /= sum;
        }
        return e;
    }
}
