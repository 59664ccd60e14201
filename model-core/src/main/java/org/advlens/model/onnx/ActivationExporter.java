package org.advlens.model.onnx;

import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * DL4J activations as ONNX ops: identity (nothing), plain ReLU, leaky ReLU with its alpha, sigmoid, tanh, and
 * softmax over the features of a {@code [N, features]} tensor. ReLU with a cap, threshold or negative slope,
 * and every other activation, is refused rather than approximated.
 */
final class ActivationExporter {

    private ActivationExporter() {
    }

    static ExportedValue apply(OnnxGraphWriter w, IActivation a, ExportedValue x) throws OnnxExportException {
        if (a == null || a instanceof ActivationIdentity) {
            return x;
        }
        if (a.getClass() == ActivationReLU.class) {
            ActivationReLU r = (ActivationReLU) a;
            if (r.getMax() != null || !isZero(r.getThreshold()) || !isZero(r.getNegativeSlope())) {
                throw new OnnxExportException("ReLU with max " + r.getMax() + ", threshold " + r.getThreshold()
                        + " and negative slope " + r.getNegativeSlope() + " (only the plain ReLU is exported)");
            }
            return w.elementwise("Relu", List.of(x));
        }
        if (a.getClass() == ActivationLReLU.class) {
            double alpha = ((ActivationLReLU) a).getAlpha();
            return w.elementwise("LeakyRelu", List.of(x), OnnxGraphWriter.real("alpha", alpha));
        }
        if (a.getClass() == ActivationSigmoid.class) {
            return w.elementwise("Sigmoid", List.of(x));
        }
        if (a.getClass() == ActivationTanH.class) {
            return w.elementwise("Tanh", List.of(x));
        }
        if (a.getClass() == ActivationSoftmax.class) {
            if (x.rank() != 2) {
                throw new OnnxExportException("softmax on a rank-" + x.rank() + " tensor (only [N, features])");
            }
            return w.node("Softmax", x.dims(), List.of(x.name()), OnnxGraphWriter.integer("axis", 1));
        }
        throw new OnnxExportException("activation " + a + " (" + a.getClass().getSimpleName() + ")");
    }

    private static boolean isZero(Double d) {
        return d == null || d == 0.0;
    }
}
