package org.advlens.saliency.method;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A ReLU whose backward pass is the "guided" one of Springenberg et al. ("Striving for Simplicity: The All
 * Convolutional Net", 2015): the gradient passes only where the input was positive (as for a ReLU) and the
 * incoming gradient is positive. The forward pass is an ordinary ReLU. Public, with a no-argument constructor,
 * so that DL4J can copy configurations that use it.
 */
public final class GuidedReLU extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.relu(in, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray mask = in.gt(0.0).castTo(epsilon.dataType()).muli(epsilon.gt(0.0).castTo(epsilon.dataType()));
        INDArray dLdz = in.assign(epsilon).muli(mask);
        return new Pair<>(dLdz, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuidedReLU;
    }

    @Override
    public int hashCode() {
        return GuidedReLU.class.hashCode();
    }

    @Override
    public String toString() {
        return "guided-relu";
    }
}
