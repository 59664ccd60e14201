package org.advlens.model.compiled;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation at inference (Ioffe and Szegedy, 2015): {@code y = gamma (x - mean) / sqrt(var + eps) +
 * beta} per channel, an affine map whose input gradient is {@code g * gamma / sqrt(var + eps)}. The per-channel
 * scale and shift are recomputed from the network's parameter arrays on every call (they are tiny), so in-place
 * parameter changes are seen. DL4J stores either the variance or {@code log10} of the standard deviation.
 */
final class BatchNormStage implements CompiledStage {

    private final INDArray gamma;
    private final INDArray beta;
    private final INDArray mean;
    private final INDArray varOrLog10Std;
    private final boolean logStd;
    private final double eps;
    private final int channelDim;

    /**
     * @param channelDim the channel dimension of 4-D activations (1 for NCHW, 3 for NHWC); 2-D activations
     *                   always normalise dimension 1
     */
    BatchNormStage(INDArray gamma, INDArray beta, INDArray mean, INDArray varOrLog10Std, boolean logStd, double eps,
                   int channelDim) {
        this.gamma = gamma;
        this.beta = beta;
        this.mean = mean;
        this.varOrLog10Std = varOrLog10Std;
        this.logStd = logStd;
        this.eps = eps;
        this.channelDim = channelDim;
    }

    @Override
    public INDArray forward(INDArray x, boolean mayOverwrite) {
        INDArray scale = scale();
        INDArray shift = beta.reshape(-1).sub(mean.reshape(-1).mul(scale));
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        int dim = dim(x);
        Broadcast.mul(x, scale, out, dim);
        return Broadcast.add(out, shift, out, dim);
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradOut) {
        return Broadcast.mul(gradOut, scale(), gradOut, dim(gradOut));
    }

    private INDArray scale() {
        INDArray v = varOrLog10Std.reshape(-1);
        INDArray var;
        if (logStd) {
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(v.shape(), 10.0, v.dataType()), v, false);
            var = std.muli(std);
        } else {
            var = v.dup();
        }
        return gamma.reshape(-1).div(Transforms.sqrt(var.addi(eps), false));
    }

    private int dim(INDArray a) {
        return a.rank() == 4 ? channelDim : 1;
    }

    @Override
    public String describe() {
        return "batchnorm";
    }
}
