package org.advlens.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy computed from the logits (the network's pre-activation output with an identity
 * activation): score {@code -sum(y * log softmax(z))}, gradient {@code softmax(z) - y}. Used only inside
 * the engine's gradient networks.
 */
public final class LogitCrossEntropyLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray z = activationFn.getActivation(preOutput.dup(), true);
        INDArray logSoftmax = Transforms.log(Logits.softmax(z), false);
        return logSoftmax.muli(labels).sum(1).negi();
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double s = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? s / preOutput.size(0) : s;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray z = activationFn.getActivation(preOutput.dup(), true);
        INDArray dz = Logits.softmax(z).subi(labels);
        return activationFn.backprop(preOutput.dup(), dz).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "LogitCrossEntropyLoss";
    }
}
