package org.advlens.saliency.relevance;

import java.util.List;
import org.advlens.model.compiled.LayerStep;
import org.advlens.saliency.relevance.ModifiedLinear.Term;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LRP-alpha-beta (Bach et al. 2015, eq. 60): {@code R_i = sum_j (alpha (a_i w_ij)^+ / z_j^+ - beta (a_i w_ij)^- /
 * z_j^-) R_j}, where the positive part of a contribution is {@code a^+ w^+ + a^- w^-} and the negative part
 * {@code a^+ w^- + a^- w^+}, each normalised on its own; the positive (negative) part of the bias joins the
 * positive (negative) sum. With {@code alpha - beta = 1} and no bias the relevance is conserved wherever a neuron
 * has contributions of both signs.
 *
 * @param alpha weight of the positive contributions
 * @param beta weight of the negative contributions; {@code alpha - beta} must be 1
 */
public record AlphaBetaRule(double alpha, double beta) implements RelevanceRule {

    public AlphaBetaRule {
        if (!(beta >= 0) || !Double.isFinite(alpha) || !Double.isFinite(beta) || Math.abs(alpha - beta - 1) > 1e-9) {
            throw new IllegalArgumentException("alpha-beta needs beta >= 0 and alpha - beta = 1, got alpha " + alpha
                    + ", beta " + beta);
        }
    }

    @Override
    public String describe() {
        return "alpha" + alpha + "-beta" + beta;
    }

    @Override
    public INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds) {
        INDArray up = ModifiedLinear.positive(input);
        INDArray down = ModifiedLinear.negative(input);
        LayerStep wPlus = ModifiedLinear.positivePart(step, true);
        LayerStep wMinus = ModifiedLinear.negativePart(step, true);
        LayerStep wPlusNoBias = ModifiedLinear.positivePart(step, false);
        LayerStep wMinusNoBias = ModifiedLinear.negativePart(step, false);
        INDArray pos = ModifiedLinear.fraction(List.of(new Term(1, up, wPlus), new Term(1, down, wMinusNoBias)),
                relevance, ModifiedLinear.TINY);
        if (beta == 0) {
            return alpha == 1 ? pos : pos.muli(alpha);
        }
        INDArray neg = ModifiedLinear.fraction(List.of(new Term(1, up, wMinus), new Term(1, down, wPlusNoBias)),
                relevance, ModifiedLinear.TINY);
        return pos.muli(alpha).subi(neg.muli(beta));
    }
}
