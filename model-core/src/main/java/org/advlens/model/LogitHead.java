package org.advlens.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Network surgery: builds a second network on the SAME parameter array whose output layer has an identity
 * activation (so its output is the logits) and a given engine loss (so backprop gives the input gradient we
 * want). Dropout is removed, so gradients are those of the deterministic inference function.
 */
public final class LogitHead {

    private LogitHead() {
    }

    public static boolean endsInSoftmax(MultiLayerNetwork net) {
        var confs = net.getLayerWiseConfigurations().getConfs();
        return isSoftmax(confs.get(confs.size() - 1).getLayer());
    }

    public static boolean endsInSoftmax(ComputationGraph graph) {
        return isSoftmax(outputLayer(graph.getConfiguration()));
    }

    public static MultiLayerNetwork withLoss(MultiLayerNetwork net, ILossFunction loss) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        var confs = conf.getConfs();
        for (NeuralNetConfiguration c : confs) {
            c.getLayer().setIDropout(null);
        }
        NeuralNetConfiguration last = confs.get(confs.size() - 1);
        last.setLayer(logitLayer(last.getLayer(), loss));
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params(), false);
        return copy;
    }

    public static ComputationGraph withLoss(ComputationGraph graph, ILossFunction loss) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                lv.getLayerConf().getLayer().setIDropout(null);
            }
        }
        conf.setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        LayerVertex out = outputVertex(conf);
        out.getLayerConf().setLayer(logitLayer(out.getLayerConf().getLayer(), loss));
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(graph.params(), false);
        return copy;
    }

    private static Layer outputLayer(ComputationGraphConfiguration conf) {
        return outputVertex(conf).getLayerConf().getLayer();
    }

    private static LayerVertex outputVertex(ComputationGraphConfiguration conf) {
        if (conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("the graph has " + conf.getNetworkOutputs().size()
                    + " outputs; a classifier needs exactly one");
        }
        String name = conf.getNetworkOutputs().get(0);
        GraphVertex v = conf.getVertices().get(name);
        if (!(v instanceof LayerVertex lv)) {
            throw new IllegalArgumentException("the graph output '" + name + "' is a "
                    + v.getClass().getSimpleName() + ", not a dense or output layer");
        }
        return lv;
    }

    private static boolean isSoftmax(Layer layer) {
        IActivation a = activation(layer);
        return a instanceof ActivationSoftmax;
    }

    private static IActivation activation(Layer layer) {
        if (layer instanceof BaseOutputLayer o) {
            return o.getActivationFn();
        }
        if (layer instanceof DenseLayer d) {
            return d.getActivationFn();
        }
        return null;
    }

    private static Layer logitLayer(Layer layer, ILossFunction loss) {
        if (layer instanceof OutputLayer o) {
            OutputLayer copy = (OutputLayer) o.clone();
            copy.setLossFn(loss);
            copy.setActivationFn(Activation.IDENTITY.getActivationFunction());
            return copy;
        }
        if (layer instanceof DenseLayer d) {
            OutputLayer o = new OutputLayer.Builder()
                    .nIn(d.getNIn()).nOut(d.getNOut()).hasBias(d.hasBias())
                    .activation(Activation.IDENTITY).lossFunction(loss).build();
            o.setLayerName(d.getLayerName());
            return o;
        }
        throw new IllegalArgumentException("the last layer is a " + layer.getClass().getSimpleName()
                + "; AdvLens needs a dense or output layer whose pre-activation output is the logits");
    }
}
