package org.advlens.saliency.relevance;

import java.util.List;
import java.util.function.UnaryOperator;
import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The computation every LRP rule for a linear layer shares (the "modified gradient" form, Montavon et al. 2019,
 * section 10.2.3): with terms {@code (c_k, a_k, L_k)} of a coefficient, an input and the layer with modified
 * parameters, {@code z = sum_k c_k L_k(a_k)}, {@code s = R / stabilise(z)} and
 * {@code R_in = sum_k c_k a_k * L_k^T(s)}, where {@code L^T} is the layer's vector-Jacobian product.
 */
final class ModifiedLinear {

    /** The stabiliser of rules other than epsilon: only keeps a zero denominator from dividing by zero. */
    static final double TINY = 1e-9;

    private ModifiedLinear() {
    }

    record Term(double coefficient, INDArray input, LayerStep layer) {
    }

    static INDArray fraction(List<Term> terms, INDArray relevance, double epsilon) {
        INDArray z = null;
        for (Term t : terms) {
            INDArray out = t.layer().forward(t.input()).mul(t.coefficient());
            z = z == null ? out : z.addi(out);
        }
        INDArray s = relevance.div(stabilise(z, epsilon));
        INDArray r = null;
        for (Term t : terms) {
            INDArray part = t.input().mul(t.layer().backward(t.input(), s)).muli(t.coefficient());
            r = r == null ? part : r.addi(part);
        }
        return r;
    }

    /** {@code z + epsilon * sign(z)}, with the sign of zero taken as positive. */
    static INDArray stabilise(INDArray z, double epsilon) {
        INDArray sign = Transforms.sign(z, true);
        sign.addi(z.eq(0.0).castTo(z.dataType()));
        return z.add(sign.muli(epsilon));
    }

    static INDArray positive(INDArray a) {
        return Transforms.max(a, 0.0, true);
    }

    static INDArray negative(INDArray a) {
        return Transforms.min(a, 0.0, true);
    }

    static UnaryOperator<INDArray> same() {
        return UnaryOperator.identity();
    }

    static UnaryOperator<INDArray> none() {
        return b -> null;
    }

    static LayerStep positivePart(LayerStep step, boolean bias) {
        return step.withParameters(ModifiedLinear::positive, bias ? ModifiedLinear::positive : none());
    }

    static LayerStep negativePart(LayerStep step, boolean bias) {
        return step.withParameters(ModifiedLinear::negative, bias ? ModifiedLinear::negative : none());
    }
}
