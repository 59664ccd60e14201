package org.advlens.train;

import org.advlens.model.Logits;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The TRADES loss (Zhang et al., "Theoretically Principled Trade-off between Robustness and Accuracy", ICML 2019)
 * on a minibatch of pairs: rows {@code 0..n-1} are the clean examples, rows {@code n..2n-1} their adversarial
 * counterparts, and the labels of the clean rows are one-hot. With {@code p = softmax(z)} on the clean logits and
 * {@code q = softmax(u)} on the adversarial ones, pair {@code i} costs
 * <pre>  L_i = CE(z_i, y_i) + beta KL(p_i || q_i)</pre>
 * and the gradient flows into both rows, as in the paper: {@code dL/dz = (p - y) + beta p (d - <p, d>)} with
 * {@code d = log p - log q}, and {@code dL/du = beta (q - p)}.
 *
 * <p>The network averages gradients over its {@code 2n} rows; the returned gradient is doubled so that the step is
 * that of the mean loss over the {@code n} pairs. The score (averaged) is likewise the mean over pairs. The output
 * layer's activation must be softmax: the loss reads its pre-activations as logits.
 */
public final class TradesLoss implements ILossFunction {

    private final double beta;

    @JsonCreator
    public TradesLoss(@JsonProperty("beta") double beta) {
        if (!(beta >= 0 && Double.isFinite(beta))) {
            throw new IllegalArgumentException("beta must be finite and non-negative, got " + beta);
        }
        this.beta = beta;
    }

    @JsonProperty("beta")
    public double beta() {
        return beta;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / (preOutput.size(0) / 2) : sum;
    }

    /** Per row: the clean rows hold {@code CE_i}, the adversarial rows {@code beta KL_i}. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Pairs b = new Pairs(labels, preOutput, activationFn, mask);
        double[] scores = new double[2 * b.n];
        for (int i = 0; i < b.n; i++) {
            double ce = 0;
            double kl = 0;
            for (int k = 0; k < b.c; k++) {
                ce -= b.y[i][k] * b.logP[i][k];
                kl += b.p[i][k] * (b.logP[i][k] - b.logQ[i][k]);
            }
            scores[i] = ce;
            scores[b.n + i] = beta * kl;
        }
        return Nd4j.create(scores, new long[] {2L * b.n, 1}).castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Pairs b = new Pairs(labels, preOutput, activationFn, mask);
        double[] g = new double[2 * b.n * b.c];
        for (int i = 0; i < b.n; i++) {
            double mean = 0;
            for (int k = 0; k < b.c; k++) {
                mean += b.p[i][k] * (b.logP[i][k] - b.logQ[i][k]);
            }
            for (int k = 0; k < b.c; k++) {
                double d = b.logP[i][k] - b.logQ[i][k];
                double q = Math.exp(b.logQ[i][k]);
                g[i * b.c + k] = 2 * ((b.p[i][k] - b.y[i][k]) + beta * b.p[i][k] * (d - mean));
                g[(b.n + i) * b.c + k] = 2 * beta * (q - b.p[i][k]);
            }
        }
        return Nd4j.create(g, new long[] {2L * b.n, b.c}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "TRADES(beta=" + beta + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    /** The paired minibatch's labels, log-softmax of both halves and clean probabilities, in double precision. */
    private static final class Pairs {
        final int n;
        final int c;
        final double[][] y;
        final double[][] logP;
        final double[][] logQ;
        final double[][] p;

        Pairs(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
            if (!(activationFn instanceof ActivationSoftmax)) {
                throw new IllegalStateException("TRADES reads the output layer's pre-activations as logits: its"
                        + " activation must be softmax, got " + activationFn);
            }
            if (mask != null) {
                throw new IllegalStateException("TRADES minibatches have no label mask");
            }
            long rows = preOutput.size(0);
            if (rows % 2 != 0 || preOutput.rank() != 2 || !java.util.Arrays.equals(labels.shape(),
                    preOutput.shape())) {
                throw new IllegalStateException("TRADES needs [2n, classes] logits and labels of clean then"
                        + " adversarial rows, got " + java.util.Arrays.toString(preOutput.shape()) + " and "
                        + java.util.Arrays.toString(labels.shape()));
            }
            n = (int) (rows / 2);
            c = (int) preOutput.size(1);
            double[][] z = preOutput.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] all = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
            y = java.util.Arrays.copyOfRange(all, 0, n);
            logP = new double[n][];
            logQ = new double[n][];
            p = new double[n][c];
            for (int i = 0; i < n; i++) {
                logP[i] = Logits.logSoftmax(z[i], 1);
                logQ[i] = Logits.logSoftmax(z[n + i], 1);
                for (int k = 0; k < c; k++) {
                    p[i][k] = Math.exp(logP[i][k]);
                }
            }
        }
    }
}
