package org.advlens.saliency.relevance;

import java.util.List;
import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LRP-epsilon (Bach et al. 2015; Montavon et al. 2019, eq. 4.2): {@code R_i = sum_j a_i w_ij / (z_j + eps
 * sign(z_j)) R_j} with {@code z_j = sum_i a_i w_ij + b_j}. Epsilon absorbs the relevance of weak or contradictory
 * outputs; as {@code eps -> 0} on a ReLU network without biases the whole propagation is gradient times input.
 *
 * @param epsilon the stabiliser, at least 0
 */
public record EpsilonRule(double epsilon) implements RelevanceRule {

    public EpsilonRule {
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
    }

    @Override
    public String describe() {
        return "epsilon(" + epsilon + ")";
    }

    @Override
    public INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds) {
        return ModifiedLinear.fraction(List.of(new ModifiedLinear.Term(1, input, step)), relevance,
                Math.max(epsilon, ModifiedLinear.TINY));
    }
}
