package org.advlens.defence;

import org.advlens.counterfactual.Autoencoder;
import org.advlens.data.Images;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MagNet (Meng and Chen, "MagNet: a Two-Pronged Defense against Adversarial Examples", CCS 2017) with one
 * autoencoder: the detector scores an image by its mean squared reconstruction error
 * {@code mean((AE(x) - x)^2)} in units of the pixel range squared (the paper's reconstruction-error detector with
 * the L2 norm), and the reformer classifies {@code AE(x)}. The classifier the detector guards is the reformed one.
 * The adaptive attack is {@link AdaptiveMagNetAttack}. The autoencoder must model the classifier's pixel space.
 */
public final class MagNet implements Defence {

    private final Classifier model;
    private final Autoencoder autoencoder;
    private final Reformer reformer;
    private final PreprocessedClassifier guarded;

    public MagNet(Classifier model, Autoencoder autoencoder) {
        if (model == null || autoencoder == null) {
            throw new IllegalArgumentException("a classifier and an autoencoder are required");
        }
        if (!model.inputSpec().equals(autoencoder.inputSpec())) {
            throw new IllegalArgumentException("the autoencoder models " + autoencoder.inputSpec()
                    + " but the classifier expects " + model.inputSpec());
        }
        this.model = model;
        this.autoencoder = autoencoder;
        this.reformer = new Reformer(autoencoder);
        this.guarded = new PreprocessedClassifier(model, reformer, GradientMode.EXACT);
    }

    @Override
    public String name() {
        return "magnet";
    }

    @Override
    public String description() {
        return "MagNet (reconstruction-error detector and reformer, autoencoder " + autoencoder.source() + ")";
    }

    @Override
    public Classifier model() {
        return model;
    }

    /** The reformed classifier, {@code f(AE(x))}. */
    @Override
    public Classifier guarded() {
        return guarded;
    }

    @Override
    public double[] scores(INDArray x) {
        return autoencoder.reconstructionError(Images.of(x));
    }

    @Override
    public Classifier classifier(GradientMode mode) {
        return guarded.withMode(mode);
    }

    @Override
    public AdaptiveMagNetAttack adaptiveAttack() {
        return new AdaptiveMagNetAttack(autoencoder, AdaptiveMagNetAttack.DEFAULT_WEIGHT);
    }
}
