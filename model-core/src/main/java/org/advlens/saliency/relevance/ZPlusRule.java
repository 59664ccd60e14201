package org.advlens.saliency.relevance;

import java.util.List;
import org.advlens.model.compiled.LayerStep;
import org.advlens.saliency.relevance.ModifiedLinear.Term;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The z+ rule (Montavon et al., "Explaining Nonlinear Classification Decisions with Deep Taylor Decomposition",
 * 2017): {@code R_i = sum_j (a_i w_ij)^+ / sum_i' (a_i' w_i'j)^+ R_j}, only positive contributions, biases
 * ignored. For non-negative inputs it is alpha-1-beta-0 without bias, and it conserves the relevance of every
 * output that has a positive contribution.
 */
public record ZPlusRule() implements RelevanceRule {

    @Override
    public String describe() {
        return "z+";
    }

    @Override
    public INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds) {
        return ModifiedLinear.fraction(List.of(
                new Term(1, ModifiedLinear.positive(input), ModifiedLinear.positivePart(step, false)),
                new Term(1, ModifiedLinear.negative(input), ModifiedLinear.negativePart(step, false))),
                relevance, ModifiedLinear.TINY);
    }
}
