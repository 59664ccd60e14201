package org.advlens.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Chooses the classifier implementation for a loaded network. */
public final class Classifiers {

    private Classifiers() {
    }

    /**
     * The fastest classifier that handles {@code net}: a {@link CompiledSequentialClassifier} when every layer is
     * supported, else a {@link Dl4jClassifier}. Both share the network's parameters.
     *
     * @throws IllegalArgumentException if the network's last layer cannot give logits
     */
    public static Classifier forNetwork(MultiLayerNetwork net, ModelInfo info) {
        return CompiledSequentialClassifier.compile(net, info).orElseGet(() -> Dl4jClassifier.of(net, info));
    }
}
