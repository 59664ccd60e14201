package org.advlens.saliency.relevance;

import java.util.List;
import org.advlens.model.compiled.LayerStep;
import org.advlens.saliency.relevance.ModifiedLinear.Term;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The z^B (box) rule for a bounded input layer (Montavon et al. 2017, section 4; Montavon et al. 2019, eq. 4.4):
 * {@code R_i = sum_j (x_i w_ij - l_i w_ij^+ - h_i w_ij^-) / sum_i' (x_i' w_i'j - l_i' w_i'j^+ - h_i' w_i'j^-) R_j}
 * with {@code l, h} the lowest and highest input values ({@link InputBounds}). It conserves the relevance when the
 * layer has no bias.
 */
public record BoxRule() implements RelevanceRule {

    @Override
    public String describe() {
        return "box";
    }

    @Override
    public INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds) {
        if (bounds == null) {
            throw new IllegalArgumentException("the box rule needs the input bounds");
        }
        LayerStep plain = step.withParameters(ModifiedLinear.same(), ModifiedLinear.none());
        return ModifiedLinear.fraction(List.of(new Term(1, input, plain),
                new Term(-1, bounds.low(), ModifiedLinear.positivePart(step, false)),
                new Term(-1, bounds.high(), ModifiedLinear.negativePart(step, false))), relevance,
                ModifiedLinear.TINY);
    }
}
