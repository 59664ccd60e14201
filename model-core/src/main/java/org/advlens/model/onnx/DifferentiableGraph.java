package org.advlens.model.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX classifier translated into a SameDiff graph by {@link OnnxGraphImporter}: the input placeholder (in the
 * network's own layout, batch first), the logits, and a scalar loss
 * {@code sum(w * z) + sum_i -log softmax(z_i) . y_i} whose two placeholders select what {@link #inputGradient}
 * differentiates: weights {@code w} give the gradient of a weighted logit sum, one-hot labels {@code y} that of
 * the summed cross-entropy, in one backward pass either way.
 *
 * <p>A SameDiff graph keeps per-call state: an instance belongs to one thread at a time.
 */
public final class DifferentiableGraph {

    static final String INPUT = "input";
    static final String LOGITS = "logits";
    static final String WEIGHTS = "logit_weights";
    static final String LABELS = "labels";
    static final String LOSS = "loss";

    private final SameDiff sd;
    private final DataType dataType;
    private final long[] inputShape;
    private final int classes;
    private final List<String> layers;
    private final OnnxGraphImporter.Softmax strippedSoftmax;

    DifferentiableGraph(SameDiff sd, DataType dataType, long[] inputShape, int classes, List<String> layers,
                        OnnxGraphImporter.Softmax strippedSoftmax) {
        this.sd = sd;
        this.dataType = dataType;
        this.inputShape = inputShape.clone();
        this.classes = classes;
        this.layers = List.copyOf(layers);
        this.strippedSoftmax = strippedSoftmax;
    }

    public int numClasses() {
        return classes;
    }

    /** One line per translated node: op, node name and output shape ({@code n} for the batch). */
    public List<String> layers() {
        return layers;
    }

    /** Whether the ONNX graph ended in a Softmax that the import cut off, so that the output is the logits. */
    public boolean softmaxStripped() {
        return strippedSoftmax != null;
    }

    /** The input shape without the batch, in the network's own layout. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    public DataType dataType() {
        return dataType;
    }

    /** The underlying SameDiff graph (for inspection; do not share it between threads). */
    public SameDiff sameDiff() {
        return sd;
    }

    OnnxGraphImporter.Softmax strippedSoftmaxNode() {
        return strippedSoftmax;
    }

    /** Logits {@code [n, classes]} for a batch in the network's layout. */
    public INDArray logits(INDArray x) {
        return sd.output(Map.of(INPUT, cast(x)), LOGITS).get(LOGITS).dup();
    }

    /**
     * Gradient with respect to the network input of {@code sum(weights * z) + CE(z, labels)}, where
     * {@code labels} is a one-hot (or any non-negative) {@code [n, classes]} matrix; either may be {@code null}
     * for zeros.
     */
    public INDArray inputGradient(INDArray x, INDArray weights, INDArray labels) {
        long n = x.size(0);
        Map<String, INDArray> in = new HashMap<>();
        in.put(INPUT, cast(x));
        in.put(WEIGHTS, weights == null ? Nd4j.zeros(dataType, n, classes) : cast(weights));
        in.put(LABELS, labels == null ? Nd4j.zeros(dataType, n, classes) : cast(labels));
        return sd.calculateGradients(in, INPUT).get(INPUT).dup();
    }

    private INDArray cast(INDArray a) {
        return a.dataType() == dataType ? a : a.castTo(dataType);
    }
}
