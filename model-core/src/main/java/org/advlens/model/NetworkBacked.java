package org.advlens.model;

/**
 * A capability of a {@link Classifier}: it is backed by a DL4J network whose layers, activations and parameters
 * can be read, so methods that need the network's internals (Grad-CAM, Guided Backprop, parameter
 * randomization) can work on it. Query it with {@code model instanceof NetworkBacked}.
 */
public interface NetworkBacked {

    /**
     * The wrapped network, a {@code MultiLayerNetwork} or a {@code ComputationGraph}, sharing the classifier's
     * parameters. It takes the classifier's network input (after any normalisation and layout change) and may
     * end in a softmax; callers must not change its parameters.
     */
    Object network();
}
