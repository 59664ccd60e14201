package org.advlens.saliency;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A pseudo-loss whose "labels" are weights {@code w} on the output layer's pre-activation {@code z}: score
 * {@code sum(w * z)}, gradient {@code w}. With an identity output activation, backpropagating it through a network
 * gives {@code d(w . z)/d(input)}; with one-hot {@code w}, the gradient of one logit. Used only in the networks
 * this package builds.
 */
final class TargetLogitLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray weights, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), false);
        return out.muli(weights.castTo(out.dataType())).sum(1);
    }

    @Override
    public double computeScore(INDArray weights, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double s = computeScoreArray(weights, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? s / preOutput.size(0) : s;
    }

    @Override
    public INDArray computeGradient(INDArray weights, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return activationFn.backprop(preOutput.dup(), weights.castTo(preOutput.dataType()).dup()).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray weights, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(weights, preOutput, activationFn, mask, average),
                computeGradient(weights, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "TargetLogitLoss";
    }
}
