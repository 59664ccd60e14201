package org.advlens.model.compiled;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.InputTransform;
import org.advlens.model.NetworkBacked;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A sequential DL4J network as a list of {@link LayerStep}s in the network's own order, with the input transform
 * of its classifier, for methods that walk the layers one by one (layer-wise relevance propagation). Built from the
 * same translation as {@link CompiledSequentialClassifier}, on the network's own parameter arrays. The last step
 * is the output layer's affine map: its output is the logits.
 */
public final class LayerStack {

    private final List<LayerStep> steps;
    private final InputTransform input;
    private final InputSpec spec;

    private LayerStack(List<LayerStep> steps, InputSpec spec) {
        this.steps = steps;
        this.input = new InputTransform(spec);
        this.spec = spec;
    }

    /**
     * The layers of {@code model}'s network.
     *
     * @throws UnsupportedOperationException saying why if {@code model} is not backed by a sequential DL4J
     *                                       network or one of its layers is not supported
     */
    public static LayerStack of(Classifier model) {
        if (!(model instanceof NetworkBacked b) || !(b.network() instanceof MultiLayerNetwork net)) {
            throw new UnsupportedOperationException("layer-wise methods need a sequential DL4J network (a"
                    + " MultiLayerNetwork); " + model.info().name() + " is " + (model instanceof NetworkBacked b
                    ? "a " + b.network().getClass().getSimpleName() : "not backed by a DL4J network"));
        }
        SequentialCompiler.Result r = SequentialCompiler.inLayerOrder(net);
        if (!r.ok()) {
            throw new UnsupportedOperationException("layer-wise methods cannot walk " + model.info().name() + ": "
                    + r.unsupported());
        }
        List<LayerStep> steps = new ArrayList<>();
        for (int i = 0; i < r.stages().size(); i++) {
            int layer = r.layers().get(i);
            String name = net.getLayerWiseConfigurations().getConf(layer).getLayer().getLayerName();
            steps.add(new LayerStep(r.stages().get(i), layer, name == null || name.isBlank() ? "layer" + layer : name));
        }
        return new LayerStack(List.copyOf(steps), model.inputSpec());
    }

    public List<LayerStep> steps() {
        return steps;
    }

    public int size() {
        return steps.size();
    }

    public LayerStep step(int i) {
        return steps.get(i);
    }

    /** The names of the network's layers, input to output, each once. */
    public List<String> layerNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (LayerStep s : steps) {
            names.add(s.layerName());
        }
        return List.copyOf(names);
    }

    /** The input specification of the classifier. */
    public InputSpec inputSpec() {
        return spec;
    }

    /** The network input (normalised, in the network's layout) for a pixel-space NCHW batch; a new float array. */
    public INDArray toNetwork(INDArray pixels) {
        return input.toNetwork(pixels.castTo(DataType.FLOAT)).dup('c');
    }

    /** A network input full of {@code value} in pixel space (e.g. the lower bound), for {@code n} images. */
    public INDArray constantInput(int n, double value) {
        return toNetwork(Nd4j.valueArrayOf(spec.shape(n), value, DataType.FLOAT));
    }

    /**
     * Per-input-value quantities in the network's layout (relevance, not a gradient: no chain rule through the
     * normalisation) moved back to pixel-space NCHW order; a new array.
     */
    public INDArray toPixelLayout(INDArray values) {
        return spec.layout() == ChannelOrder.NHWC ? values.permute(0, 3, 1, 2).dup('c') : values.dup('c');
    }
}
