package org.advlens.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Input gradients of a weighted sum of a network's <em>activated</em> outputs, {@code d(sum w * f(x))/dx}, for a
 * {@link MultiLayerNetwork} that ends in an output or loss layer (a decoder ending in a {@code CnnLossLayer}, for
 * example). Unlike the classifier heads of {@link org.advlens.model.dl4j.Dl4jClassifier}, the output activation is kept, so the gradient
 * passes through it. The head shares the original's parameters and has no dropout; it is confined to one thread.
 */
public final class WeightedOutputHead {

    private final MultiLayerNetwork head;

    private WeightedOutputHead(MultiLayerNetwork head) {
        this.head = head;
    }

    /** A head on the SAME parameter array as {@code net}; later changes to {@code net}'s parameters show here. */
    public static WeightedOutputHead of(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        var confs = conf.getConfs();
        for (NeuralNetConfiguration c : confs) {
            c.getLayer().setIDropout(null);
        }
        Layer last = confs.get(confs.size() - 1).getLayer();
        if (last instanceof BaseOutputLayer o) {
            o.setLossFn(new WeightedLogitLoss());
        } else if (last instanceof CnnLossLayer c) {
            c.setLossFn(new WeightedLogitLoss());
        } else if (last instanceof LossLayer l) {
            l.setLossFn(new WeightedLogitLoss());
        } else {
            throw new IllegalArgumentException("the last layer is a " + last.getClass().getSimpleName()
                    + "; a weighted-output head needs an output or loss layer");
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params(), false);
        return new WeightedOutputHead(copy);
    }

    /**
     * {@code d(sum w * f(x))/dx}, with {@code weights} of the output's shape; summed over the batch, so row
     * {@code i} of the result is the gradient of example {@code i}'s own weighted output.
     */
    public INDArray inputGradient(INDArray x, INDArray weights) {
        return head.calculateGradients(x, weights.castTo(DataType.FLOAT), null, null).getSecond();
    }
}
