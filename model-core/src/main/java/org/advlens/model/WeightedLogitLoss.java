package org.advlens.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A pseudo-loss whose "labels" are weights {@code w}: score {@code sum(w * z)} on the pre-activation output
 * {@code z}. Its gradient is {@code w}, so backpropagating it yields {@code d(w . z)/dx}. Used only inside
 * the engine's gradient networks, with an identity output activation.
 */
public final class WeightedLogitLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray weights, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        return out.muli(weights).sum(1);
    }

    @Override
    public double computeScore(INDArray weights, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double s = computeScoreArray(weights, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? s / preOutput.size(0) : s;
    }

    @Override
    public INDArray computeGradient(INDArray weights, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return activationFn.backprop(preOutput.dup(), weights.dup()).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray weights, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(weights, preOutput, activationFn, mask, average),
                computeGradient(weights, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "WeightedLogitLoss";
    }
}
