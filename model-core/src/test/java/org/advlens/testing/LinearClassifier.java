package org.advlens.testing;

import java.util.ArrayList;
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
 * An analytic classifier {@code z = W x + b} whose gradients are known in closed form:
 * {@code d(w.z)/dx = W^T w} and {@code dCE/dx = W^T (softmax(z) - y)}. Optionally quantises its input first
 * ({@code levels > 0}), which makes every input gradient zero: a deliberately gradient-masked model.
 */
public final class LinearClassifier implements Classifier {

    private final ModelInfo info;
    private final INDArray w; // [classes, d]
    private final INDArray b; // [classes]
    private final int levels;

    public LinearClassifier(InputSpec spec, float[][] weights, float[] bias, int levels) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            names.add("class " + k);
        }
        this.info = new ModelInfo("linear", "analytic", "", ModelFormat.ANALYTIC, spec, names,
                (long) weights.length * weights[0].length + bias.length, List.of("linear"), false);
        this.w = Nd4j.createFromArray(weights).castTo(DataType.FLOAT);
        this.b = Nd4j.createFromArray(bias).castTo(DataType.FLOAT);
        this.levels = levels;
    }

    public LinearClassifier(InputSpec spec, float[][] weights, float[] bias) {
        this(spec, weights, bias, 0);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public INDArray logits(INDArray x) {
        INDArray flat = x.reshape(x.size(0), -1).castTo(DataType.FLOAT);
        if (levels > 0) {
            flat = org.nd4j.linalg.ops.transforms.Transforms.round(flat.mul(levels), false).divi(levels);
        }
        return flat.mmul(w.transpose()).addiRowVector(b);
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        INDArray dz = Logits.softmax(logits(x)).subi(Logits.oneHot(labels, numClasses()));
        return logitGradient(x, dz);
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        if (levels > 0) {
            return Nd4j.zeros(DataType.FLOAT, x.shape());
        }
        return weights.castTo(DataType.FLOAT).mmul(w).reshape(x.shape());
    }

    @Override
    public Classifier copy() {
        return this;
    }

    @Override
    public void close() {
    }
}
