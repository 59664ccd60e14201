package org.advlens.saliency.relevance;

import java.util.List;
import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The flat rule for the input layer (Lapuschkin et al., "Unmasking Clever Hans Predictors", 2019): each output's
 * relevance is shared equally among the inputs in its receptive field, whatever the weights and the input; a map
 * that shows where, not what.
 */
public record FlatRule() implements RelevanceRule {

    @Override
    public String describe() {
        return "flat";
    }

    @Override
    public INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds) {
        LayerStep ones = step.withParameters(w -> Nd4j.onesLike(w), ModifiedLinear.none());
        return ModifiedLinear.fraction(List.of(new ModifiedLinear.Term(1, Nd4j.onesLike(input), ones)), relevance,
                ModifiedLinear.TINY);
    }
}
