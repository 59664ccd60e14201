package org.advlens.saliency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.NetworkBacked;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Network-level helpers for the methods that need a DL4J network's internals: finding the network behind a
 * classifier, the classifier's input transform, copies of a configuration with some activations replaced, and
 * the "tail" of a network from a layer on, ending in the logits.
 */
public final class NetworkSurgery {

    private NetworkSurgery() {
    }

    /** The DL4J network behind {@code model}, or {@code null} if it has none. */
    public static Object network(Classifier model) {
        return model instanceof NetworkBacked b ? b.network() : null;
    }

    /** @throws UnsupportedOperationException naming {@code method} if {@code model} has no MultiLayerNetwork */
    public static MultiLayerNetwork multiLayer(Classifier model, String method) {
        if (network(model) instanceof MultiLayerNetwork net) {
            return net;
        }
        throw new UnsupportedOperationException(method + " needs the layers of a DL4J MultiLayerNetwork; "
                + model.info().name() + " is " + describe(model));
    }

    public static String describe(Classifier model) {
        Object n = network(model);
        return n == null ? "not backed by a DL4J network" : "a " + n.getClass().getSimpleName();
    }

    /** What the classifier does to a pixel-space NCHW batch before its network: normalisation, then layout. */
    public static INDArray toNetwork(InputSpec spec, INDArray x) {
        INDArray in = x.castTo(DataType.FLOAT).dup('c');
        if (spec.normalised()) {
            INDArray mean = Nd4j.createFromArray(toFloat(spec.mean()));
            INDArray std = Nd4j.createFromArray(toFloat(spec.std()));
            Broadcast.sub(in, mean, in, 1);
            Broadcast.div(in, std, in, 1);
        }
        return spec.layout() == ChannelOrder.NHWC ? in.permute(0, 2, 3, 1).dup('c') : in;
    }

    /** Whether {@code a} is a plain ReLU: no cap, no threshold, no negative slope. */
    public static boolean isPlainRelu(IActivation a) {
        if (!(a instanceof ActivationReLU r)) {
            return false;
        }
        return (r.getMax() == null || r.getMax() == 0 || Double.isInfinite(r.getMax()))
                && (r.getThreshold() == null || r.getThreshold() == 0)
                && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0);
    }

    /** A network on the SAME parameters whose layer activations are replaced by {@code replace}; no dropout. */
    public static MultiLayerNetwork withActivations(MultiLayerNetwork net, UnaryOperator<IActivation> replace) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            replaceActivation(c.getLayer(), replace);
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params(), false);
        return copy;
    }

    /** A graph on the SAME parameters whose layer activations are replaced by {@code replace}; no dropout. */
    public static ComputationGraph withActivations(ComputationGraph graph, UnaryOperator<IActivation> replace) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                replaceActivation(lv.getLayerConf().getLayer(), replace);
            }
        }
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init(graph.params(), false);
        return copy;
    }

    private static void replaceActivation(Layer layer, UnaryOperator<IActivation> replace) {
        layer.setIDropout(null);
        if (layer instanceof BaseLayer b && b.getActivationFn() != null) {
            b.setActivationFn(replace.apply(b.getActivationFn()));
        } else if (layer instanceof ActivationLayer a && a.getActivationFn() != null) {
            a.setActivationFn(replace.apply(a.getActivationFn()));
        }
    }

    /**
     * Layers {@code from..end} of {@code net} as a network of their own on a copy of their parameters, with the
     * input pre-processors they had, no dropout, and an output layer with identity activation and
     * {@link TargetLogitLoss}: its input gradient is {@code d(w . z)/d(activation of layer from-1)}.
     */
    public static MultiLayerNetwork tail(MultiLayerNetwork net, int from) {
        int layers = net.getnLayers();
        if (from < 1 || from >= layers) {
            throw new IllegalArgumentException("a tail starts at a layer in [1, " + (layers - 1) + "], got " + from);
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        List<NeuralNetConfiguration> confs = new ArrayList<>(conf.getConfs().subList(from, layers));
        Map<Integer, InputPreProcessor> pre = new HashMap<>();
        for (Map.Entry<Integer, InputPreProcessor> e : conf.getInputPreProcessors().entrySet()) {
            if (e.getKey() >= from) {
                pre.put(e.getKey() - from, e.getValue().clone());
            }
        }
        for (NeuralNetConfiguration c : confs) {
            c.getLayer().setIDropout(null);
        }
        NeuralNetConfiguration last = confs.get(confs.size() - 1);
        last.setLayer(logitLayer(last.getLayer(), new TargetLogitLoss()));
        conf.setConfs(confs);
        conf.setInputPreProcessors(pre);
        long offset = 0;
        for (int i = 0; i < from; i++) {
            offset += net.getLayer(i).numParams();
        }
        long total = net.numParams();
        INDArray params = null;
        if (total > offset) {
            params = net.params().reshape(1, total)
                    .get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, total)).dup()
                    .reshape(1, total - offset);
        }
        MultiLayerNetwork tail = new MultiLayerNetwork(conf);
        tail.init(params, false);
        return tail;
    }

    /** The output layer with identity activation and {@code loss}; a dense last layer becomes an output layer. */
    static Layer logitLayer(Layer layer, ILossFunction loss) {
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
                + "; saliency needs a dense or output layer whose pre-activation output is the logits");
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
