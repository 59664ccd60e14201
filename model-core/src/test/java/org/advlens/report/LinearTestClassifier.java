package org.advlens.report;

import java.util.List;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.Logits;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A linear classifier {@code z = W x} on 1x2x2 images with three classes; its gradients are exact by hand. */
public final class LinearTestClassifier implements Classifier {

    static final float[][] WEIGHTS = {
            {1, -1, 0},
            {0, 1, -1},
            {-1, 0, 1},
            {0.5f, 0.5f, -1},
    };

    private final INDArray w = Nd4j.createFromArray(WEIGHTS);

    static ModelInfo info(String sha) {
        return new ModelInfo("linear", "test:linear", sha, ModelFormat.ANALYTIC, InputSpec.grey(2, 2),
                List.of("a", "b", "c"), 12, List.of("dense 4->3"), false);
    }

    @Override
    public ModelInfo info() {
        return info("0123abcd");
    }

    @Override
    public INDArray logits(INDArray x) {
        return x.castTo(DataType.FLOAT).reshape(x.size(0), 4).mmul(w);
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        INDArray p = Logits.softmax(logits(x)).subi(Logits.oneHot(labels, 3));
        return p.mmul(w.transpose()).reshape(x.shape());
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        return weights.castTo(DataType.FLOAT).mmul(w.transpose()).reshape(x.shape());
    }

    @Override
    public Classifier copy() {
        return new LinearTestClassifier();
    }

    @Override
    public void close() {
    }
}
