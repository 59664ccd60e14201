package org.advlens.defence;

import java.util.List;
import org.advlens.model.Classifier;
import org.advlens.model.FloatArrays;
import org.advlens.model.Logits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The feature-squeezing detector (Xu, Evans and Qi, "Feature Squeezing: Detecting Adversarial Examples in Deep
 * Neural Networks", NDSS 2018): the score of an input {@code x} is
 * {@code max_j || softmax(f(x)) - softmax(f(s_j(x))) ||_1} over the squeezers {@code s_j}. A legitimate image
 * changes little when squeezed; an adversarial one often falls back to its true class. The scores lie in [0, 2].
 *
 * <p>As a {@link Defence}: the detector guards the model's own prediction; the defence as a classifier wrapper
 * classifies {@code s_1(x)}, the first squeezer's output; the adaptive attack is {@link AdaptiveSqueezingAttack}.
 * Confined to the classifier's thread, like the classifier itself.
 */
public final class FeatureSqueezing implements Defence {

    private final Classifier model;
    private final List<Squeezer> squeezers;

    public FeatureSqueezing(Classifier model, List<Squeezer> squeezers) {
        if (model == null || squeezers == null || squeezers.isEmpty()) {
            throw new IllegalArgumentException("a classifier and at least one squeezer are required");
        }
        this.model = model;
        this.squeezers = List.copyOf(squeezers);
    }

    @Override
    public String name() {
        return "feature-squeezing";
    }

    @Override
    public String description() {
        return "feature squeezing (" + String.join(", ", squeezers.stream().map(Squeezer::name).toList()) + ")";
    }

    @Override
    public Classifier model() {
        return model;
    }

    /** The model itself: feature squeezing only detects, and the model's prediction stands when nothing is flagged. */
    @Override
    public Classifier guarded() {
        return model;
    }

    @Override
    public PreprocessedClassifier classifier(GradientMode mode) {
        return new PreprocessedClassifier(model, squeezers.get(0), mode);
    }

    @Override
    public AdaptiveSqueezingAttack adaptiveAttack() {
        return new AdaptiveSqueezingAttack(squeezers);
    }

    public List<Squeezer> squeezers() {
        return squeezers;
    }

    /** One score per image of the batch {@code [n, c, h, w]}, in [0, 2]. */
    @Override
    public double[] scores(INDArray x) {
        int n = (int) x.size(0);
        float[] pixels = FloatArrays.of(x);
        float[][] plain = Logits.softmaxRows(model.logits(x));
        double[] score = new double[n];
        for (Squeezer s : squeezers) {
            INDArray squeezed = Nd4j.create(s.apply(pixels, n, model.inputSpec()), x.shape(), 'c');
            float[][] p = Logits.softmaxRows(model.logits(squeezed));
            for (int i = 0; i < n; i++) {
                score[i] = Math.max(score[i], l1(plain[i], p[i]));
            }
        }
        return score;
    }

    static double l1(float[] a, float[] b) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            d += Math.abs((double) a[k] - b[k]);
        }
        return d;
    }
}
