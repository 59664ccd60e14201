package org.advlens.saliency.sanity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.advlens.model.Classifier;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.saliency.NetworkSurgery;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies of a network with some layers' parameters re-initialised, for the model parameter randomization test
 * of Adebayo et al. ("Sanity Checks for Saliency Maps", 2018). Each chosen layer gets fresh parameters from its
 * own configuration's initialiser (its weight-init distribution, its bias init), drawn from a generator seeded
 * with {@code seed} and the layer's position, so a layer gets the same random values in every copy that
 * randomises it: cascading steps differ only by the newly randomised layer.
 */
public final class ModelRandomization {

    /**
     * A layer that has parameters.
     *
     * @param position the layer's position among the network's layers, input to output
     * @param name its name (or {@code layer<position>})
     * @param parameters its number of parameters
     */
    public record RandomizableLayer(int position, String name, long parameters) {
        public RandomizableLayer {
            if (position < 0 || parameters < 1) {
                throw new IllegalArgumentException("invalid layer " + position + " with " + parameters
                        + " parameters");
            }
        }
    }

    private ModelRandomization() {
    }

    /** Whether {@code model}'s parameters can be randomised: it is backed by a DL4J network. */
    public static boolean supports(Classifier model) {
        Object n = NetworkSurgery.network(model);
        return n instanceof MultiLayerNetwork || n instanceof ComputationGraph;
    }

    /** The layers with parameters, from the output layer down to the first layer: the cascading order. */
    public static List<RandomizableLayer> topDown(Classifier model) {
        List<Layer> layers = layers(network(model));
        List<RandomizableLayer> out = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            if (l.numParams() > 0) {
                String name = l.conf().getLayer().getLayerName();
                out.add(new RandomizableLayer(i, name == null || name.isBlank() ? "layer" + i : name, l.numParams()));
            }
        }
        return out;
    }

    /**
     * A new classifier on a copy of {@code model}'s network with the layers at {@code positions} re-initialised;
     * {@code model} is not changed.
     *
     * @param positions layer positions as in {@link RandomizableLayer#position()}
     */
    public static Classifier randomized(Classifier model, Collection<Integer> positions, long seed) {
        Object n = network(model);
        Object copy = n instanceof MultiLayerNetwork net ? net.clone() : ((ComputationGraph) n).clone();
        List<Layer> layers = layers(copy);
        for (int p : positions) {
            if (p < 0 || p >= layers.size()) {
                throw new IllegalArgumentException("layer position " + p + " outside [0, " + layers.size() + ")");
            }
            reinitialise(layers.get(p), seed * 1_000_003L + p);
        }
        return copy instanceof MultiLayerNetwork net ? Dl4jClassifier.of(net, model.info())
                : Dl4jClassifier.of((ComputationGraph) copy, model.info());
    }

    private static void reinitialise(Layer layer, long seed) {
        INDArray view = layer.params();
        if (view == null || layer.numParams() == 0) {
            return;
        }
        NeuralNetConfiguration conf = layer.conf();
        Nd4j.getRandom().setSeed(seed);
        conf.getLayer().initializer().init(conf, view, true);
    }

    private static Object network(Classifier model) {
        Object n = NetworkSurgery.network(model);
        if (n instanceof MultiLayerNetwork || n instanceof ComputationGraph) {
            return n;
        }
        throw new UnsupportedOperationException("parameter randomization needs a DL4J network; "
                + model.info().name() + " is " + NetworkSurgery.describe(model));
    }

    /** The network's layers, input to output (topological order for a graph). */
    private static List<Layer> layers(Object network) {
        List<Layer> out = new ArrayList<>();
        if (network instanceof MultiLayerNetwork net) {
            for (int i = 0; i < net.getnLayers(); i++) {
                out.add(net.getLayer(i));
            }
            return out;
        }
        ComputationGraph graph = (ComputationGraph) network;
        GraphVertex[] vertices = graph.getVertices();
        for (int v : graph.topologicalSortOrder()) {
            if (vertices[v].hasLayer()) {
                out.add(vertices[v].getLayer());
            }
        }
        return out;
    }
}
