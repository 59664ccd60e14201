package org.advlens.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The orthogonality step of Parseval networks (Cisse, Bojanowski, Grave, Dauphin and Usunier, "Parseval Networks:
 * Improving Robustness to Adversarial Examples", ICML 2017): after each gradient update every weight matrix
 * {@code W} (one row per output unit; a convolution's kernel flattened to {@code [filters, inputs * kh * kw]})
 * takes the retraction step {@code W <- (1 + beta) W - beta W W^T W}, a gradient step on
 * {@code ||W^T W - I||^2 / 4} that keeps the rows close to orthonormal, so that each layer's Lipschitz constant
 * stays near 1. The paper applies it to a random subset of rows for speed; these networks are small enough to
 * apply it to all of them. The paper's convex constraint on aggregation layers has no counterpart here: the
 * networks trained have no residual connections.
 */
public final class ParsevalRetraction {

    private ParsevalRetraction() {
    }

    /** One retraction step on every convolution and dense layer's weights, in place. */
    public static void apply(MultiLayerNetwork net, double beta) {
        if (!(beta > 0 && beta <= 0.1)) {
            throw new IllegalArgumentException("Parseval beta must be in (0, 0.1], got " + beta);
        }
        for (Layer layer : net.getLayers()) {
            INDArray w = layer.paramTable().get("W");
            if (w == null) {
                continue;
            }
            if (w.rank() == 4) {
                // convolution kernel [out, in, kh, kw]: one row per filter
                w.assign(retract(w.reshape('c', w.size(0), w.length() / w.size(0)), beta).reshape('c', w.shape()));
            } else if (w.rank() == 2) {
                // dense weights are stored [in, out]: the rows of W are its columns
                w.assign(retract(w.transpose(), beta).transpose());
            }
        }
    }

    /** {@code (1 + beta) W - beta W W^T W} for {@code W} with one row per output unit, in double precision. */
    public static INDArray retract(INDArray w, double beta) {
        INDArray d = w.castTo(DataType.DOUBLE);
        INDArray wwtw = d.mmul(d.transpose()).mmul(d);
        return d.mul(1 + beta).subi(wwtw.muli(beta)).castTo(w.dataType());
    }

    /** {@code ||W W^T - I||_F} for {@code W} with one row per output unit: 0 for orthonormal rows. */
    public static double deviation(INDArray w) {
        INDArray d = w.castTo(DataType.DOUBLE);
        INDArray gram = d.mmul(d.transpose());
        return gram.subi(org.nd4j.linalg.factory.Nd4j.eye(gram.size(0)).castTo(DataType.DOUBLE)).norm2Number()
                .doubleValue();
    }
}
