package org.advlens.model.compiled;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a sequential network as the layer-wise methods see it: its kind, the DL4J layer it belongs to, its
 * forward map and its vector-Jacobian product, and for the linear steps (convolution and dense) the same map
 * with changed parameters. Arrays are in the network's own layout (after the input transform). A step holds no
 * per-call state and never writes into the arrays it is given.
 */
public final class LayerStep {

    /** What a step computes. */
    public enum Kind {
        CONVOLUTION, DENSE, MAX_POOLING, AVERAGE_POOLING, RELU, ACTIVATION, BATCH_NORM, RESHAPE;

        /** Whether the step is an affine map with weights ({@link #withParameters} applies). */
        public boolean hasWeights() {
            return this == CONVOLUTION || this == DENSE;
        }
    }

    private final CompiledStage stage;
    private final Kind kind;
    private final int layer;
    private final String layerName;

    LayerStep(CompiledStage stage, int layer, String layerName) {
        this.stage = stage;
        this.kind = kindOf(stage);
        this.layer = layer;
        this.layerName = layerName;
    }

    private static Kind kindOf(CompiledStage s) {
        if (s instanceof ConvolutionStage) {
            return Kind.CONVOLUTION;
        }
        if (s instanceof DenseStage) {
            return Kind.DENSE;
        }
        if (s instanceof PoolingStage p) {
            return p.isMax() ? Kind.MAX_POOLING : Kind.AVERAGE_POOLING;
        }
        if (s instanceof ActivationStage a) {
            return a.isPlainRelu() ? Kind.RELU : Kind.ACTIVATION;
        }
        if (s instanceof BatchNormStage) {
            return Kind.BATCH_NORM;
        }
        return Kind.RESHAPE;
    }

    public Kind kind() {
        return kind;
    }

    /** Index of the DL4J layer this step belongs to (a pre-processor belongs to the layer it feeds). */
    public int layer() {
        return layer;
    }

    /** The DL4J layer's name, or {@code layer<i>} when it has none. */
    public String layerName() {
        return layerName;
    }

    /** The step's output for {@code x}; a new array or, for reshapes and identities, a view of {@code x}. */
    public INDArray forward(INDArray x) {
        return stage.forward(x, false);
    }

    /** {@code g} times the Jacobian of the step at {@code x}: the gradient with respect to the input. */
    public INDArray backward(INDArray x, INDArray g) {
        return stage.backward(x, g.dup('c'));
    }

    /** The weights of a convolution ({@code [out, in, kH, kW]}) or dense ({@code [in, out]}) step. */
    public INDArray weights() {
        if (stage instanceof ConvolutionStage c) {
            return c.weights();
        }
        if (stage instanceof DenseStage d) {
            return d.weights();
        }
        throw notLinear();
    }

    /**
     * The same convolution or dense map with weights {@code weights.apply(W)} and bias {@code bias.apply(b)};
     * a bias function returning {@code null}, or a step without bias, gives a map without bias.
     *
     * @throws UnsupportedOperationException if the step has no weights
     */
    public LayerStep withParameters(UnaryOperator<INDArray> weights, UnaryOperator<INDArray> bias) {
        CompiledStage changed;
        if (stage instanceof ConvolutionStage c) {
            changed = c.withParameters(weights.apply(c.weights()), c.bias() == null ? null : bias.apply(c.bias()));
        } else if (stage instanceof DenseStage d) {
            changed = d.withParameters(weights.apply(d.weights()), d.bias() == null ? null : bias.apply(d.bias()));
        } else {
            throw notLinear();
        }
        return new LayerStep(changed, layer, layerName);
    }

    private UnsupportedOperationException notLinear() {
        return new UnsupportedOperationException(describe() + " has no weights");
    }

    public String describe() {
        return layerName + ": " + stage.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
