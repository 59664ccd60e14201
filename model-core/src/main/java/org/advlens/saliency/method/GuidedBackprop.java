package org.advlens.saliency.method;

import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.runtime.GradientGraphBacked;
import org.advlens.saliency.ConfiguredMethod;
import org.advlens.saliency.LogitGradients;
import org.advlens.saliency.NetworkSurgery;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;

/**
 * Guided Backpropagation (Springenberg et al., "Striving for Simplicity: The All Convolutional Net", 2015): the
 * gradient of the target logit computed with every ReLU's backward pass replaced by {@link GuidedReLU}, which
 * lets only positive gradients through where the ReLU was active.
 *
 * <p>AdvLens keeps it as the teaching counter-example of the sanity checks (Adebayo et al., "Sanity Checks for
 * Saliency Maps", 2018): its maps look sharp and stay almost the same when the model's weights are randomised,
 * because they mostly reconstruct the image (Nie, Zhang and Patel, 2018). Needs the network's layers: works on a
 * {@link org.advlens.model.NetworkBacked} classifier over a DL4J network. Only plain ReLUs are guided.
 */
public final class GuidedBackprop extends ConfiguredMethod<GuidedBackprop.Options> {

    public static final String NAME = "guided-backprop";

    /** @param batchSize images per backward pass */
    public record Options(int batchSize) {
        public Options {
            SaliencyInputs.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(64);
        }
    }

    public GuidedBackprop(Options options) {
        super(NAME, "Guided Backprop", options);
    }

    public GuidedBackprop() {
        this(Options.defaults());
    }

    @Override
    public Map<String, Object> parameters() {
        return SaliencyInputs.batchParameters(options.batchSize());
    }

    @Override
    public boolean supports(Classifier model) {
        if (model instanceof GradientGraphBacked) {
            return true;
        }
        Object n = NetworkSurgery.network(model);
        return n instanceof MultiLayerNetwork || n instanceof ComputationGraph;
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        float[] g;
        try (Classifier guided = guided(model)) {
            g = LogitGradients.gradients(guided, images.pixels(), targets, options.batchSize(), cancellation);
        }
        return new SaliencyMap(name(), g, images.count(), images.channels(), images.height(), images.width(),
                targets, true, null);
    }

    /**
     * A classifier on the same parameters whose plain ReLUs back-propagate the guided way: on the gradient engine
     * with the guided ReLU rule when the model is on it, else by editing the DL4J network. The caller closes it.
     */
    public static Classifier guided(Classifier model) {
        if (model instanceof GradientGraphBacked b) {
            try {
                return b.withBackwardRules(Map.of("Relu", GuidedReluRule.GUIDED));
            } catch (UnsupportedGradientException e) {
                throw new UnsupportedOperationException("Guided Backprop cannot run on " + model.info().name() + ": "
                        + e.getMessage(), e);
            }
        }
        Object n = NetworkSurgery.network(model);
        if (n instanceof MultiLayerNetwork net) {
            return Dl4jClassifier.of(NetworkSurgery.withActivations(net, GuidedBackprop::guide), model.info());
        }
        if (n instanceof ComputationGraph graph) {
            return Dl4jClassifier.of(NetworkSurgery.withActivations(graph, GuidedBackprop::guide), model.info());
        }
        throw new UnsupportedOperationException("Guided Backprop needs the layers of a DL4J network; "
                + model.info().name() + " is " + NetworkSurgery.describe(model));
    }

    private static IActivation guide(IActivation a) {
        return NetworkSurgery.isPlainRelu(a) ? new GuidedReLU() : a;
    }
}
