package org.advlens.defence;

import java.util.ArrayList;
import java.util.List;
import org.advlens.model.Classifier;
import org.advlens.model.ComputePath;
import org.advlens.model.FloatArrays;
import org.advlens.model.LogitsAndGradient;
import org.advlens.model.ModelInfo;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A defence as a classifier: {@code f(p(x))} for a classifier {@code f} and a preprocessor {@code p} (a feature
 * squeezer, MagNet's reformer). The logits are the same in both gradient modes; the input gradient is either the
 * true one through {@code p} ({@link GradientMode#EXACT}) or BPDA's, which treats {@code p} as the identity
 * ({@link GradientMode#BPDA}; Athalye, Carlini and Wagner, ICML 2018).
 *
 * <p>The wrapper does not own the classifier it wraps, except a {@link #copy()}, which owns its copy of it.
 */
public final class PreprocessedClassifier implements Classifier {

    private final Classifier inner;
    private final Preprocessor preprocessor;
    private final GradientMode mode;
    private final boolean ownsInner;
    private final ModelInfo info;

    public PreprocessedClassifier(Classifier inner, Preprocessor preprocessor, GradientMode mode) {
        this(inner, preprocessor, mode, false);
    }

    private PreprocessedClassifier(Classifier inner, Preprocessor preprocessor, GradientMode mode, boolean ownsInner) {
        if (inner == null || preprocessor == null || mode == null) {
            throw new IllegalArgumentException("classifier, preprocessor and gradient mode are required");
        }
        this.inner = inner;
        this.preprocessor = preprocessor;
        this.mode = mode;
        this.ownsInner = ownsInner;
        ModelInfo i = inner.info();
        List<String> layers = new ArrayList<>();
        layers.add(preprocessor.name() + (mode == GradientMode.BPDA ? " (backward: identity, BPDA)" : ""));
        layers.addAll(i.layers());
        this.info = new ModelInfo(i.name() + " + " + preprocessor.name(), i.source(), i.sha256(), i.format(),
                i.input(), i.classNames(), i.parameterCount(), layers, i.softmaxOutput());
    }

    public Classifier inner() {
        return inner;
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    public GradientMode mode() {
        return mode;
    }

    /** The same defence with the other gradient mode, on the same classifier (not owned). */
    public PreprocessedClassifier withMode(GradientMode other) {
        return new PreprocessedClassifier(inner, preprocessor, other, false);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public INDArray logits(INDArray x) {
        return inner.logits(preprocess(x));
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        return pullBack(x, inner.lossGradient(preprocess(x), labels));
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        return pullBack(x, inner.logitGradient(preprocess(x), weights));
    }

    @Override
    public LogitsAndGradient logitsAndGradient(INDArray x, INDArray crossEntropyWeights, INDArray logitWeights) {
        LogitsAndGradient r = inner.logitsAndGradient(preprocess(x), crossEntropyWeights, logitWeights);
        return new LogitsAndGradient(r.logits(), pullBack(x, r.inputGradient()));
    }

    @Override
    public void logitsAndGradient(float[] x, int n, float[] crossEntropyWeights, float[] logitWeights,
                                  float[] logits, float[] gradient) {
        float[] p = preprocessor.apply(x, n, inputSpec());
        inner.logitsAndGradient(p, n, crossEntropyWeights, logitWeights, logits, gradient);
        if (mode == GradientMode.EXACT) {
            float[] g = preprocessor.backward(x, gradient, n, inputSpec());
            System.arraycopy(g, 0, gradient, 0, g.length);
        }
    }

    private INDArray preprocess(INDArray x) {
        int n = (int) x.size(0);
        return Nd4j.create(preprocessor.apply(FloatArrays.of(x), n, inputSpec()), x.shape(), 'c');
    }

    private INDArray pullBack(INDArray x, INDArray gradientAtPreprocessed) {
        if (mode == GradientMode.BPDA) {
            return gradientAtPreprocessed;
        }
        int n = (int) x.size(0);
        return Nd4j.create(preprocessor.backward(FloatArrays.of(x), FloatArrays.of(gradientAtPreprocessed), n,
                inputSpec()), x.shape(), 'c');
    }

    @Override
    public ComputePath computePath() {
        ComputePath p = inner.computePath();
        return new ComputePath(preprocessor.name() + " then " + p.forward(), (mode == GradientMode.BPDA
                ? "identity (BPDA) through " : "exact through ") + preprocessor.name() + " then " + p.gradient(),
                p.fallbackReason());
    }

    @Override
    public Classifier copy() {
        return new PreprocessedClassifier(inner.copy(), preprocessor, mode, true);
    }

    @Override
    public void close() {
        if (ownsInner) {
            inner.close();
        }
    }
}
