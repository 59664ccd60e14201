package org.advlens.defence;

import org.advlens.counterfactual.Autoencoder;
import org.advlens.model.FloatArrays;
import org.advlens.model.InputSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MagNet's reformer (Meng and Chen, "MagNet: a Two-Pronged Defense against Adversarial Examples", CCS 2017): an
 * autoencoder trained on clean images replaces the input by its reconstruction, moving it towards the data
 * manifold. Differentiable, so its exact gradient is the autoencoder's backpropagated one.
 */
public final class Reformer implements Preprocessor {

    private final Autoencoder autoencoder;

    public Reformer(Autoencoder autoencoder) {
        if (autoencoder == null) {
            throw new IllegalArgumentException("an autoencoder is required");
        }
        this.autoencoder = autoencoder;
    }

    @Override
    public String name() {
        return "autoencoder reformer";
    }

    @Override
    public float[] apply(float[] x, int n, InputSpec spec) {
        return FloatArrays.of(autoencoder.reconstruct(Nd4j.create(x, spec.shape(n), 'c')));
    }

    @Override
    public float[] backward(float[] x, float[] upstream, int n, InputSpec spec) {
        INDArray g = autoencoder.reconstructionGradient(Nd4j.create(x, spec.shape(n), 'c'),
                Nd4j.create(upstream, spec.shape(n), 'c'));
        return FloatArrays.of(g);
    }
}
