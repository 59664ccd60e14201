package org.advlens.saliency;

import java.util.List;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An analytic non-linear classifier {@code z_k = sum_i a[k][i] x_i^2}: gradient {@code 2 a_k * x}, and Integrated
 * Gradients from baseline {@code b} exactly {@code a_k * (x^2 - b^2)} (the integrand is linear along the path,
 * so the trapezoidal rule is exact).
 */
final class QuadraticClassifier implements Classifier {

    private final ModelInfo info;
    private final INDArray a; // [classes, d]

    QuadraticClassifier(InputSpec spec, float[][] a) {
        this.info = new ModelInfo("quadratic", "analytic", "", ModelFormat.ANALYTIC, spec,
                List.of("class 0", "class 1"), (long) a.length * a[0].length, List.of("quadratic"), false);
        this.a = Nd4j.createFromArray(a).castTo(DataType.FLOAT);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public INDArray logits(INDArray x) {
        INDArray flat = x.reshape(x.size(0), -1).castTo(DataType.FLOAT);
        return flat.mul(flat).mmul(a.transpose());
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        return logitGradient(x, Logits.softmax(logits(x)).subi(Logits.oneHot(labels, numClasses())));
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        INDArray flat = x.reshape(x.size(0), -1).castTo(DataType.FLOAT);
        return weights.castTo(DataType.FLOAT).mmul(a).muli(flat).muli(2).reshape(x.shape());
    }

    @Override
    public Classifier copy() {
        return this;
    }

    @Override
    public void close() {
    }
}
