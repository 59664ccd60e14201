package org.advlens.saliency.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.runtime.ActivationGradient;
import org.advlens.model.runtime.GradientGraphBacked;
import org.advlens.saliency.ConfiguredMethod;
import org.advlens.saliency.LogitGradients;
import org.advlens.saliency.NetworkSurgery;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
 * Localization", 2017): for a convolutional layer's activation {@code A} (channels {@code k}), the weights
 * {@code a_k = mean over positions of d z_t / d A_k}, the map {@code ReLU(sum_k a_k A_k)}, upsampled bilinearly to
 * the input size (half-pixel centres, edges clamped) and repeated over the input's channels.
 *
 * <p>Works on a {@link org.advlens.model.NetworkBacked} classifier over a DL4J {@code MultiLayerNetwork} (layers
 * by their DL4J names), and on any other model on the gradient engine ({@link GradientGraphBacked}, layers by their
 * value names in the ONNX graph), where one run of a gradient graph that also outputs the layer gives both. The activation comes from the network's own forward pass; {@code d z_t / d A} from a
 * copy of the layers after the chosen one, on the same parameter values, whose output is the pre-softmax logits.
 */
public final class GradCam extends ConfiguredMethod<GradCam.Options> {

    public static final String NAME = "gradcam";

    /**
     * @param layer the layer whose activation is used, by name or index; {@code null} or blank for the last
     *              convolutional layer
     * @param batchSize images per forward and backward pass
     */
    public record Options(String layer, int batchSize) {
        public Options {
            layer = layer == null || layer.isBlank() ? null : layer.trim();
            SaliencyInputs.checkBatchSize(batchSize);
        }

        /** The last convolutional layer, batch 64. */
        public static Options defaults() {
            return new Options(null, 64);
        }

        public Options withLayer(String name) {
            return new Options(name, batchSize);
        }
    }

    public GradCam(Options options) {
        super(NAME, "Grad-CAM", options);
    }

    public GradCam() {
        this(Options.defaults());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("layer", options.layer() == null ? "last convolutional" : options.layer());
        p.put("batch_size", options.batchSize());
        return p;
    }

    @Override
    public boolean signed() {
        return false;
    }

    @Override
    public boolean supports(Classifier model) {
        if (NetworkSurgery.network(model) instanceof MultiLayerNetwork net) {
            return !candidateLayers(net).isEmpty();
        }
        return model instanceof GradientGraphBacked g && !g.spatialLayers().isEmpty();
    }

    /** Names of the layers Grad-CAM can use on {@code model} (convolution and pooling layers), input to output. */
    public static List<String> layerChoices(Classifier model) {
        if (!(NetworkSurgery.network(model) instanceof MultiLayerNetwork net)) {
            return model instanceof GradientGraphBacked g ? g.spatialLayers() : List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i : candidateLayers(net)) {
            names.add(layerName(net, i));
        }
        return names;
    }

    /** Index of the layer these options choose in {@code net}. */
    static int layerIndex(MultiLayerNetwork net, String layer) {
        int n = net.getnLayers();
        if (layer == null) {
            int best = -1;
            for (int i = 0; i < n - 1; i++) {
                if (net.getLayerWiseConfigurations().getConf(i).getLayer() instanceof ConvolutionLayer) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new IllegalArgumentException("the network has no convolutional layer before its output layer;"
                        + " Grad-CAM needs one");
            }
            return best;
        }
        for (int i = 0; i < n; i++) {
            if (layer.equals(layerName(net, i))) {
                return check(net, i, layer);
            }
        }
        try {
            return check(net, Integer.parseInt(layer), layer);
        } catch (NumberFormatException e) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add(layerName(net, i));
            }
            throw new IllegalArgumentException("no layer '" + layer + "'; the network's layers are " + names);
        }
    }

    private static int check(MultiLayerNetwork net, int i, String layer) {
        if (i < 0 || i >= net.getnLayers() - 1) {
            throw new IllegalArgumentException("Grad-CAM layer '" + layer + "' must be one of layers 0.."
                    + (net.getnLayers() - 2) + ", before the output layer");
        }
        return i;
    }

    private static List<Integer> candidateLayers(MultiLayerNetwork net) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < net.getnLayers() - 1; i++) {
            Layer l = net.getLayerWiseConfigurations().getConf(i).getLayer();
            if (l instanceof ConvolutionLayer || l instanceof SubsamplingLayer) {
                out.add(i);
            }
        }
        return out;
    }

    static String layerName(MultiLayerNetwork net, int i) {
        String name = net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName();
        return name == null || name.isBlank() ? "layer" + i : name;
    }

    private static boolean channelsLast(Layer layer) {
        if (layer instanceof ConvolutionLayer c) {
            return c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        }
        if (layer instanceof SubsamplingLayer s) {
            return s.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        }
        return false;
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        if (!(NetworkSurgery.network(model) instanceof MultiLayerNetwork) && model instanceof GradientGraphBacked g) {
            return onGradientGraph(g, model, images, targets, cancellation);
        }
        MultiLayerNetwork net = NetworkSurgery.multiLayer(model, displayName());
        int k = layerIndex(net, options.layer());
        boolean nhwc = channelsLast(net.getLayerWiseConfigurations().getConf(k).getLayer());
        MultiLayerNetwork tail = NetworkSurgery.tail(net, k + 1);
        float[] out = new float[images.count() * images.imageSize()];
        for (int from = 0; from < images.count(); from += options.batchSize()) {
            cancellation.throwIfCancelled();
            int to = Math.min(images.count(), from + options.batchSize());
            INDArray x = NetworkSurgery.toNetwork(model.inputSpec(), images.slice(from, to).toArray());
            INDArray a = net.feedForwardToLayer(k, x, false).get(k + 1).castTo(DataType.FLOAT).dup('c');
            if (a.rank() != 4) {
                throw new IllegalArgumentException("Grad-CAM needs a layer with a spatial (rank-4) output; layer '"
                        + layerName(net, k) + "' gives rank " + a.rank());
            }
            INDArray weights = Logits.oneHot(java.util.Arrays.copyOfRange(targets, from, to), model.numClasses());
            INDArray g = tail.calculateGradients(a, weights, null, null).getSecond().castTo(DataType.FLOAT);
            if (nhwc) {
                a = a.permute(0, 3, 1, 2).dup('c');
                g = g.permute(0, 3, 1, 2).dup('c');
            }
            spread(cam(LogitGradients.flat(a), LogitGradients.flat(g), to - from, (int) a.size(1), (int) a.size(2),
                    (int) a.size(3)), (int) a.size(2), (int) a.size(3), images, from, to - from, out);
        }
        return new SaliencyMap(name(), out, images.count(), images.channels(), images.height(), images.width(),
                targets, false, null);
    }

    /**
     * Grad-CAM on the gradient engine: one run of a gradient graph that also outputs the chosen layer gives its
     * activation and the target logit's gradient there (any ONNX model, no network surgery).
     */
    private SaliencyMap onGradientGraph(GradientGraphBacked g, Classifier model, Images images, int[] targets,
                                        CancellationToken cancellation) {
        String layer = options.layer() != null ? options.layer() : g.lastConvolutionLayer();
        if (layer.isEmpty()) {
            throw new IllegalArgumentException("the model has no convolution; Grad-CAM needs one (layers: "
                    + g.spatialLayers() + ")");
        }
        if (!g.spatialLayers().contains(layer)) {
            throw new IllegalArgumentException("no image-shaped layer '" + layer + "'; the model's are "
                    + g.spatialLayers());
        }
        float[] out = new float[images.count() * images.imageSize()];
        for (int from = 0; from < images.count(); from += options.batchSize()) {
            cancellation.throwIfCancelled();
            int to = Math.min(images.count(), from + options.batchSize());
            INDArray weights = Logits.oneHot(java.util.Arrays.copyOfRange(targets, from, to), model.numClasses());
            ActivationGradient ag;
            try {
                ag = g.activationGradient(layer, images.slice(from, to).toArray(), weights);
            } catch (UnsupportedGradientException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            long[] s = ag.shape();
            spread(cam(ag.activation(), ag.gradient(), to - from, (int) s[1], (int) s[2], (int) s[3]), (int) s[2],
                    (int) s[3], images, from, to - from, out);
        }
        return new SaliencyMap(name(), out, images.count(), images.channels(), images.height(), images.width(),
                targets, false, null);
    }

    /**
     * Upsamples {@code count} maps of {@code ah x aw} to the images' size and writes each into every channel of
     * images {@code from ...} of {@code out}.
     */
    private static void spread(float[] cams, int ah, int aw, Images images, int from, int count, float[] out) {
        int h = images.height();
        int w = images.width();
        for (int i = 0; i < count; i++) {
            float[] up = upsample(java.util.Arrays.copyOfRange(cams, i * ah * aw, (i + 1) * ah * aw), ah, aw, h, w);
            for (int ch = 0; ch < images.channels(); ch++) {
                System.arraycopy(up, 0, out, (from + i) * images.imageSize() + ch * h * w, h * w);
            }
        }
    }

    /** {@code ReLU(sum_k mean(g_k) A_k)} per image, {@code n x ah x aw} values. */
    static float[] cam(float[] a, float[] g, int n, int channels, int ah, int aw) {
        int plane = ah * aw;
        float[] out = new float[n * plane];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < channels; k++) {
                int base = (i * channels + k) * plane;
                double alpha = 0;
                for (int p = 0; p < plane; p++) {
                    alpha += g[base + p];
                }
                alpha /= plane;
                for (int p = 0; p < plane; p++) {
                    out[i * plane + p] += (float) (alpha * a[base + p]);
                }
            }
            for (int p = 0; p < plane; p++) {
                out[i * plane + p] = Math.max(0f, out[i * plane + p]);
            }
        }
        return out;
    }

    /**
     * Bilinear resize of an {@code ih x iw} map to {@code oh x ow} with half-pixel centres (the convention of
     * OpenCV's {@code resize} and PyTorch's {@code interpolate(align_corners=False)}); edges are clamped.
     */
    public static float[] upsample(float[] in, int ih, int iw, int oh, int ow) {
        float[] out = new float[oh * ow];
        double sy = (double) ih / oh;
        double sx = (double) iw / ow;
        for (int y = 0; y < oh; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min(ih - 1, (int) Math.floor(fy));
            int y1 = Math.min(ih - 1, y0 + 1);
            double wy = Math.min(1, fy - y0);
            for (int x = 0; x < ow; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min(iw - 1, (int) Math.floor(fx));
                int x1 = Math.min(iw - 1, x0 + 1);
                double wx = Math.min(1, fx - x0);
                double top = in[y0 * iw + x0] * (1 - wx) + in[y0 * iw + x1] * wx;
                double bottom = in[y1 * iw + x0] * (1 - wx) + in[y1 * iw + x1] * wx;
                out[y * ow + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }
}
