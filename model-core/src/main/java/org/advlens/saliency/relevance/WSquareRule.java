package org.advlens.saliency.relevance;

import java.util.List;
import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The w-square rule for the input layer (Montavon et al. 2017): {@code R_i = sum_j w_ij^2 / sum_i' w_i'j^2 R_j},
 * relevance shared by squared weight, independent of the input.
 */
public record WSquareRule() implements RelevanceRule {

    @Override
    public String describe() {
        return "w-square";
    }

    @Override
    public INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds) {
        LayerStep squared = step.withParameters(w -> w.mul(w), ModifiedLinear.none());
        return ModifiedLinear.fraction(List.of(new ModifiedLinear.Term(1, Nd4j.onesLike(input), squared)),
                relevance, ModifiedLinear.TINY);
    }
}
