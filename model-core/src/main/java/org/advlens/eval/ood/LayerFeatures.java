package org.advlens.eval.ood;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.NetworkBacked;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.runtime.ActivationGradient;
import org.advlens.model.runtime.GradientGraphBacked;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One inner layer's activations as a feature vector per image, for feature-space detectors such as
 * {@link MahalanobisDetector}.
 *
 * <p>Two kinds of layer can be reached. The layers of a DL4J {@code MultiLayerNetwork} (a classifier that is
 * {@link NetworkBacked}), by index or name, read with the network's own forward pass; the default is the
 * penultimate layer, the input of the output layer, as in Lee et al. (2018). And the image-shaped layers of a model
 * on the gradient engine ({@link GradientGraphBacked#spatialLayers()}), any ONNX model included, whose activations
 * are averaged over height and width into one value per channel, as Lee et al. do for convolutional features; the
 * default for a model without a DL4J network is the last convolution. Rank-4 DL4J activations are averaged the same
 * way (over the last two axes for NCHW layers).
 */
public final class LayerFeatures {

    private final Classifier model;
    private final String layer;
    private final int networkLayer; // index into the MultiLayerNetwork, or -1 for a gradient-engine layer

    private LayerFeatures(Classifier model, String layer, int networkLayer) {
        this.model = model;
        this.layer = layer;
        this.networkLayer = networkLayer;
    }

    /**
     * The features of {@code layer} of {@code model}, or of its default layer when {@code layer} is {@code null}.
     *
     * @throws IllegalArgumentException if the layer cannot be reached, naming the layers that can
     */
    public static LayerFeatures of(Classifier model, String layer) {
        MultiLayerNetwork net = model instanceof NetworkBacked b && b.network() instanceof MultiLayerNetwork m ? m
                : null;
        List<String> spatial = model instanceof GradientGraphBacked g ? g.spatialLayers() : List.of();
        if (layer == null) {
            if (net != null) {
                int k = net.getnLayers() - 2;
                if (k < 0) {
                    throw new IllegalArgumentException("the network has a single layer, so no inner features");
                }
                return new LayerFeatures(model, layerName(net, k), k);
            }
            if (model instanceof GradientGraphBacked g && !g.lastConvolutionLayer().isEmpty()) {
                return new LayerFeatures(model, g.lastConvolutionLayer(), -1);
            }
            throw new IllegalArgumentException(model.info().name() + " exposes no inner layer: it is neither a DL4J"
                    + " network nor on the gradient engine with an image-shaped layer");
        }
        if (net != null) {
            for (int k = 0; k < net.getnLayers() - 1; k++) {
                if (layer.equals(Integer.toString(k)) || layer.equals(layerName(net, k))) {
                    return new LayerFeatures(model, layerName(net, k), k);
                }
            }
        }
        if (spatial.contains(layer)) {
            return new LayerFeatures(model, layer, -1);
        }
        throw new IllegalArgumentException("no layer '" + layer + "' to take features from; the model's are "
                + available(net, spatial));
    }

    /** The layer's name as the model gives it. */
    public String layer() {
        return layer;
    }

    /** One feature row per image of the batch. */
    public float[][] features(Images batch) {
        if (networkLayer >= 0) {
            MultiLayerNetwork net = (MultiLayerNetwork) ((NetworkBacked) model).network();
            INDArray x = toNetwork(model.inputSpec(), batch.toArray());
            INDArray a = net.feedForwardToLayer(networkLayer, x, false).get(networkLayer + 1)
                    .castTo(DataType.FLOAT).dup('c');
            boolean nhwc = model.inputSpec().layout() == ChannelOrder.NHWC;
            return rows(a.data().asFloat(), a.shape(), nhwc);
        }
        try {
            INDArray x = batch.toArray();
            ActivationGradient ag = ((GradientGraphBacked) model).activationGradient(layer, x,
                    Nd4j.zeros(DataType.FLOAT, batch.count(), model.numClasses()));
            return rows(ag.activation(), ag.shape(), false);
        } catch (UnsupportedGradientException e) {
            throw new IllegalArgumentException("cannot read layer '" + layer + "': " + e.getMessage(), e);
        }
    }

    /** Rank-2 activations as they are; rank-4 averaged over the spatial axes. */
    static float[][] rows(float[] values, long[] shape, boolean channelsLast) {
        int n = (int) shape[0];
        if (shape.length == 2) {
            int d = (int) shape[1];
            float[][] out = new float[n][d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(values, i * d, out[i], 0, d);
            }
            return out;
        }
        if (shape.length != 4) {
            throw new IllegalArgumentException("features need a rank-2 or rank-4 layer, got shape "
                    + java.util.Arrays.toString(shape));
        }
        int c = (int) (channelsLast ? shape[3] : shape[1]);
        int hw = (int) (channelsLast ? shape[1] * shape[2] : shape[2] * shape[3]);
        float[][] out = new float[n][c];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int p = 0; p < hw; p++) {
                    sum += channelsLast ? values[(i * hw + p) * c + ch] : values[(i * c + ch) * hw + p];
                }
                out[i][ch] = (float) (sum / hw);
            }
        }
        return out;
    }

    private static INDArray toNetwork(InputSpec spec, INDArray x) {
        INDArray in = x.castTo(DataType.FLOAT).dup('c');
        if (spec.normalised()) {
            double[] mean = spec.mean();
            double[] std = spec.std();
            for (int c = 0; c < spec.channels(); c++) {
                INDArray channel = in.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(c), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                channel.subi(mean[c]).divi(std[c]);
            }
        }
        return spec.layout() == ChannelOrder.NHWC ? in.permute(0, 2, 3, 1).dup('c') : in;
    }

    private static String layerName(MultiLayerNetwork net, int k) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String name = conf.getConf(k).getLayer().getLayerName();
        return name == null || name.isBlank() ? Integer.toString(k) : name;
    }

    private static String available(MultiLayerNetwork net, List<String> spatial) {
        List<String> names = new ArrayList<>();
        if (net != null) {
            for (int k = 0; k < net.getnLayers() - 1; k++) {
                names.add(layerName(net, k) + " (" + k + ")");
            }
        }
        names.addAll(spatial);
        return names.isEmpty() ? "none" : names.toString();
    }
}
