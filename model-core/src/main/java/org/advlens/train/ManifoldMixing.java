package org.advlens.train;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mix of manifold mixup (Verma, Lamb, Beckham, Najafi, Mitliagkas, Lopez-Paz and Bengio, "Manifold Mixup:
 * Better Representations by Interpolating Hidden States", ICML 2019) as the input pre-processor of one layer, for
 * one minibatch: row {@code i} of the layer's input becomes {@code lambda h_i + (1 - lambda) h_perm[i]}, and the
 * gradient flows back through the mix to both rows ({@code g_i = lambda e_i + (1 - lambda) e_inv[i]}, with
 * {@code inv} the inverse permutation), so the layers below learn from the mixed examples too. It wraps the
 * layer's own pre-processor, if any, and mixes before it.
 *
 * <p>The trainer installs it for one {@code fit} call and removes it right after: the network's configuration
 * never holds it otherwise (when it is saved, checkpointed or exported).
 */
final class ManifoldMixing implements InputPreProcessor {

    private final InputPreProcessor inner;
    private final double lambda;
    private final int[] perm;
    private final int[] inverse;

    /**
     * @param inner the layer's own pre-processor, or {@code null}
     * @param lambda the weight of each row itself, in [0, 1]
     * @param perm the row each row is mixed with: a permutation of the minibatch
     */
    ManifoldMixing(InputPreProcessor inner, double lambda, int[] perm) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
        }
        this.inner = inner;
        this.lambda = lambda;
        this.perm = perm.clone();
        this.inverse = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] < 0 || perm[i] >= perm.length || seen[perm[i]]) {
                throw new IllegalArgumentException("perm must be a permutation of 0.." + (perm.length - 1));
            }
            seen[perm[i]] = true;
            inverse[perm[i]] = i;
        }
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray mixed = workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, mix(input, perm));
        return inner == null ? mixed : inner.preProcess(mixed, miniBatchSize, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray g = inner == null ? output : inner.backprop(output, miniBatchSize, workspaceMgr);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, mix(g, inverse));
    }

    /** {@code lambda x_i + (1 - lambda) x_rows[i]} for every row {@code i} of {@code x}. */
    private INDArray mix(INDArray x, int[] rows) {
        if (x.size(0) != rows.length) {
            throw new IllegalStateException("the mix is for minibatches of " + rows.length + " rows, got "
                    + x.size(0));
        }
        INDArray flat = x.dup('c').reshape('c', rows.length, x.length() / rows.length);
        INDArray other = Nd4j.pullRows(flat, 1, rows);
        return flat.muli(lambda).addi(other.muli(1 - lambda)).reshape('c', x.shape());
    }

    @Override
    public InputPreProcessor clone() {
        return new ManifoldMixing(inner == null ? null : inner.clone(), lambda, perm);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return inner == null ? inputType : inner.getOutputType(inputType);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return inner == null ? new Pair<>(maskArray, currentMaskState)
                : inner.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }
}
