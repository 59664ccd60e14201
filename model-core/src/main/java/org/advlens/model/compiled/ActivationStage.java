package org.advlens.model.compiled;

import java.util.Set;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An element-wise activation. A plain ReLU runs in place when allowed and backpropagates from its (possibly
 * overwritten) input with {@code relu_bp}; identity is free; the other supported activations use DL4J's own
 * {@link IActivation} forward and backprop on copies, so they match DL4J by construction.
 */
final class ActivationStage implements CompiledStage {

    private static final Set<Class<? extends IActivation>> SUPPORTED = Set.of(ActivationIdentity.class,
            ActivationReLU.class, ActivationLReLU.class, ActivationTanH.class, ActivationSigmoid.class,
            ActivationELU.class, ActivationSELU.class, ActivationSoftPlus.class, ActivationSoftSign.class,
            ActivationHardTanH.class, ActivationHardSigmoid.class, ActivationReLU6.class, ActivationSwish.class);

    private final IActivation activation;
    private final Kind kind;

    private enum Kind { IDENTITY, RELU, GENERIC }

    private ActivationStage(IActivation activation, Kind kind) {
        this.activation = activation;
        this.kind = kind;
    }

    /** Whether {@code a} is element-wise, deterministic at inference and has no parameters. */
    static boolean supports(IActivation a) {
        return a != null && SUPPORTED.contains(a.getClass());
    }

    static ActivationStage of(IActivation a) {
        if (!supports(a)) {
            throw new IllegalArgumentException("unsupported activation " + a);
        }
        if (a instanceof ActivationIdentity) {
            return new ActivationStage(a, Kind.IDENTITY);
        }
        if (a instanceof ActivationReLU r && r.getMax() == null && isZero(r.getThreshold())
                && isZero(r.getNegativeSlope())) {
            return new ActivationStage(a, Kind.RELU);
        }
        return new ActivationStage(a, Kind.GENERIC);
    }

    /** Whether this is {@code max(0, x)}, run in place. */
    boolean isPlainRelu() {
        return kind == Kind.RELU;
    }

    static boolean isIdentity(IActivation a) {
        return a instanceof ActivationIdentity;
    }

    private static boolean isZero(Double d) {
        return d == null || d == 0.0;
    }

    @Override
    public INDArray forward(INDArray x, boolean mayOverwrite) {
        return switch (kind) {
            case IDENTITY -> x;
            case RELU -> Transforms.relu(x, !mayOverwrite);
            case GENERIC -> activation.getActivation(x.dup(), false);
        };
    }

    @Override
    public INDArray backward(INDArray x, INDArray gradOut) {
        return switch (kind) {
            case IDENTITY -> gradOut;
            case RELU -> NativeOps.exec("relu_bp", gradOut, new int[0], x, gradOut);
            case GENERIC -> activation.backprop(x.dup(), gradOut).getFirst();
        };
    }

    @Override
    public boolean passesInputThrough() {
        return kind == Kind.IDENTITY;
    }

    @Override
    public String describe() {
        return String.valueOf(activation);
    }
}
