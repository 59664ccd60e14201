package org.advlens.saliency.relevance;

import java.util.ArrayList;
import java.util.List;
import org.advlens.model.ChannelOrder;
import org.advlens.model.compiled.LayerStack;
import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer-wise relevance propagation (Bach et al., "On Pixel-Wise Explanations for Non-Linear Classifier Decisions
 * by Layer-Wise Relevance Propagation", 2015; Montavon et al., "Layer-Wise Relevance Propagation: An Overview",
 * 2019) over a {@link LayerStack}: one forward pass keeps every step's input, then the target logit's value is
 * handed down step by step with the rules of a {@link Composite}, optionally conditioned on a channel of one step
 * ({@link ConceptCondition}, concept relevance propagation). Holds no per-call state; use from one thread at a
 * time per stack, as for the classifier it came from.
 */
public final class LayerwiseRelevance {

    private final LayerStack stack;
    private final Composite composite;
    private final int firstWeighted;

    public LayerwiseRelevance(LayerStack stack, Composite composite) {
        if (stack == null || composite == null) {
            throw new IllegalArgumentException("a layer stack and a composite are required");
        }
        this.stack = stack;
        this.composite = composite;
        int first = -1;
        for (int i = 0; i < stack.size() && first < 0; i++) {
            if (stack.step(i).kind().hasWeights()) {
                first = i;
            }
        }
        this.firstWeighted = first;
    }

    public LayerStack stack() {
        return stack;
    }

    public Composite composite() {
        return composite;
    }

    /**
     * Propagates the target logits of a batch down to the pixels.
     *
     * @param pixels {@code [n, c, h, w]} in the model's pixel space
     * @param targets one class per row
     * @param condition the concept step to record (and condition on), or {@code null}
     */
    public Propagation propagate(INDArray pixels, int[] targets, ConceptCondition condition) {
        int n = (int) pixels.size(0);
        if (targets.length != n) {
            throw new IllegalArgumentException(n + " images but " + targets.length + " targets");
        }
        if (condition != null && (condition.step() >= stack.size()
                || condition.masks() && condition.channels().length != n)) {
            throw new IllegalArgumentException("condition at step " + condition.step() + " with "
                    + condition.channels().length + " channels does not fit " + stack.size() + " steps and " + n
                    + " images");
        }
        List<INDArray> inputs = new ArrayList<>(stack.size());
        INDArray a = stack.toNetwork(pixels);
        for (LayerStep s : stack.steps()) {
            inputs.add(a);
            a = s.forward(a);
        }
        INDArray logits = a.castTo(DataType.FLOAT);
        if (targets.length > 0 && logits.size(1) <= max(targets)) {
            throw new IllegalArgumentException("target class " + max(targets) + " is outside the model's "
                    + logits.size(1) + " classes");
        }
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, logits.size(1));
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            oneHot.putScalar(i, targets[i], 1f);
            z[i] = logits.getDouble(i, targets[i]);
        }
        INDArray r = logits.mul(oneHot);
        InputBounds bounds = new InputBounds(stack.constantInput(n, stack.inputSpec().lower()),
                stack.constantInput(n, stack.inputSpec().upper()));
        double[][] sums = new double[n][stack.size()];
        INDArray channelRelevance = null;
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (condition != null && i == condition.step()) {
                channelRelevance = channelSums(r);
                if (condition.masks()) {
                    r = keepChannels(r, condition.channels());
                }
            }
            r = propagate(i, inputs.get(i), r, bounds);
            INDArray rowSums = r.reshape('c', n, r.length() / Math.max(1, n)).sum(1);
            for (int row = 0; row < n; row++) {
                sums[row][i] = rowSums.getDouble(row);
            }
        }
        return new Propagation(stack.toPixelLayout(r), z, sums, channelRelevance);
    }

    private INDArray propagate(int i, INDArray input, INDArray r, InputBounds bounds) {
        LayerStep step = stack.step(i);
        return switch (step.kind()) {
            case CONVOLUTION, DENSE -> composite.ruleFor(step, i == firstWeighted).propagate(step, input, r, bounds);
            case MAX_POOLING, RESHAPE -> step.backward(input, r);
            case AVERAGE_POOLING -> input.mul(step.backward(input,
                    r.div(ModifiedLinear.stabilise(step.forward(input), ModifiedLinear.TINY))));
            case RELU, ACTIVATION, BATCH_NORM -> r;
        };
    }

    private int channelDim(INDArray r) {
        return r.rank() == 4 && stack.inputSpec().layout() == ChannelOrder.NHWC ? 3 : 1;
    }

    /** Per row and channel, the sum of {@code r} over the other dimensions: {@code [n, channels]}. */
    INDArray channelSums(INDArray r) {
        if (r.rank() == 2) {
            return r.dup();
        }
        int cd = channelDim(r);
        int[] others = cd == 1 ? new int[] {2, 3} : new int[] {1, 2};
        return r.sum(others);
    }

    private INDArray keepChannels(INDArray r, int[] channels) {
        int cd = channelDim(r);
        long c = r.size(cd);
        INDArray mask = Nd4j.zeros(r.dataType(), r.size(0), c);
        for (int row = 0; row < channels.length; row++) {
            if (channels[row] >= c) {
                throw new IllegalArgumentException("channel " + channels[row] + " of a step with " + c + " channels");
            }
            if (channels[row] < 0) {
                mask.getRow(row).assign(1);
            } else {
                mask.putScalar(row, channels[row], 1);
            }
        }
        if (r.rank() == 2) {
            return r.mul(mask);
        }
        INDArray out = r.dup('c');
        return Broadcast.mul(out, mask, out, 0, cd);
    }

    private static int max(int[] v) {
        int m = Integer.MIN_VALUE;
        for (int t : v) {
            m = Math.max(m, t);
        }
        return m;
    }

    /** Index of the last step of layer {@code layer} (by name or index): where its output channels are. */
    public int conceptStep(String layer) {
        int found = -1;
        for (int i = 0; i < stack.size(); i++) {
            LayerStep s = stack.step(i);
            if (s.layerName().equals(layer) || String.valueOf(s.layer()).equals(layer)) {
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no layer '" + layer + "'; the network's layers are "
                    + stack.layerNames());
        }
        if (found == stack.size() - 1) {
            throw new IllegalArgumentException("layer '" + layer + "' is the output layer; concepts live in a"
                    + " hidden layer, one of " + stack.layerNames().subList(0, stack.layerNames().size() - 1));
        }
        return found;
    }
}
