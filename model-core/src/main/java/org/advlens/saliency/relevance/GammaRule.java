package org.advlens.saliency.relevance;

import java.util.List;
import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LRP-gamma (Montavon et al. 2019, eq. 4.3): {@code R_i = sum_j a_i (w_ij + gamma w_ij^+) / sum_i' a_i' (w_i'j +
 * gamma w_i'j^+) R_j}, the bias raised the same way. Favouring positive contributions gives steadier maps in the
 * lower convolutions; {@code gamma = 0} is LRP-0 and a large gamma tends to z+. Meant for non-negative inputs
 * (after a ReLU).
 *
 * @param gamma how much the positive weights are raised, at least 0
 */
public record GammaRule(double gamma) implements RelevanceRule {

    public GammaRule {
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and >= 0, got " + gamma);
        }
    }

    @Override
    public String describe() {
        return "gamma(" + gamma + ")";
    }

    @Override
    public INDArray propagate(LayerStep step, INDArray input, INDArray relevance, InputBounds bounds) {
        LayerStep raised = step.withParameters(w -> w.add(ModifiedLinear.positive(w).muli(gamma)),
                b -> b.add(ModifiedLinear.positive(b).muli(gamma)));
        return ModifiedLinear.fraction(List.of(new ModifiedLinear.Term(1, input, raised)), relevance,
                ModifiedLinear.TINY);
    }
}
