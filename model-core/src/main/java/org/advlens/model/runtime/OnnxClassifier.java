package org.advlens.model.runtime;

import ai.onnxruntime.OrtException;
import org.advlens.model.Classifier;
import org.advlens.model.ComputePath;
import org.advlens.model.InputTransform;
import org.advlens.model.Logits;
import org.advlens.model.ModelInfo;
import org.advlens.model.ModelLoadException;
import org.advlens.model.onnx.DifferentiableGraph;
import org.advlens.model.onnx.OnnxGraphImporter;
import org.advlens.model.onnx.OnnxImportException;
import org.advlens.model.onnx.OnnxModel;
import org.advlens.model.onnx.OnnxRuntimeForward;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback {@link Classifier} over an ONNX model (a PyTorch or TensorFlow export) that the gradient engine
 * ({@link OnnxRuntimeClassifier}) cannot take, with the reason in {@link #computePath()}. Gradients come from the model
 * translated into a SameDiff graph ({@link OnnxGraphImporter}); logits come from ONNX Runtime when it can run the
 * model, which is several times faster, and from the same SameDiff graph otherwise. The two paths agree to
 * floating-point rounding; the loader checks that before it hands the classifier out.
 *
 * <p>Normalisation and layout are those of every other classifier ({@link InputTransform}). An instance holds a
 * SameDiff graph with per-call state and a native ONNX Runtime session: it belongs to one thread at a time,
 * {@link #copy()} builds both anew for another thread, and {@link #close()} releases the session.
 */
public final class OnnxClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxClassifier.class);
    /** The reason ONNX Runtime is unavailable is the same for every model: say it once. */
    private static final java.util.concurrent.atomic.AtomicBoolean RUNTIME_WARNED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final ModelInfo info;
    private final OnnxModel model;
    private final byte[] runtimeModel;
    private final DifferentiableGraph graph;
    private final OnnxRuntimeForward runtime;
    private final InputTransform input;
    private final String fallbackReason;
    private boolean closed;

    private OnnxClassifier(ModelInfo info, OnnxModel model, byte[] runtimeModel, DifferentiableGraph graph,
                           OnnxRuntimeForward runtime, String fallbackReason) {
        this.info = info;
        this.fallbackReason = fallbackReason;
        this.model = model;
        this.runtimeModel = runtimeModel;
        this.graph = graph;
        this.runtime = runtime;
        this.input = new InputTransform(info.input());
    }

    /**
     * A classifier on an imported graph; {@code runtimeModel} (the model bytes that return logits, see
     * {@link OnnxGraphImporter#logitsModel}) may be {@code null} to use SameDiff for logits too.
     */
    public static OnnxClassifier create(ModelInfo info, OnnxModel model, DifferentiableGraph graph, byte[] runtimeModel,
                                 String fallbackReason) {
        return new OnnxClassifier(info, model, runtimeModel, graph, openRuntime(info, runtimeModel), fallbackReason);
    }

    @Override
    public ComputePath computePath() {
        return new ComputePath(usesRuntime() ? ComputePath.RUNTIME : "SameDiff", "SameDiff",
                fallbackReason.isEmpty() ? "not on the gradient engine" : fallbackReason);
    }

    private static OnnxRuntimeForward openRuntime(ModelInfo info, byte[] runtimeModel) {
        if (runtimeModel == null) {
            return null;
        }
        java.util.Optional<String> unavailable = OnnxRuntimeForward.unavailableReason();
        if (unavailable.isPresent()) {
            if (RUNTIME_WARNED.compareAndSet(false, true)) {
                LOG.warn("ONNX Runtime is not used: {}; ONNX logits come from SameDiff (slower, same values)",
                        unavailable.get());
            }
            return null;
        }
        try {
            return OnnxRuntimeForward.open(runtimeModel);
        } catch (OrtException | RuntimeException | LinkageError e) {
            LOG.warn("{}: ONNX Runtime cannot run the model ({}); logits come from SameDiff", info.name(),
                    ModelLoadException.rootMessage(e));
            return null;
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** Whether {@link #logits} runs on ONNX Runtime (else on the SameDiff graph). */
    public boolean usesRuntime() {
        return runtime != null;
    }

    /** The SameDiff translation that gives this classifier's gradients. */
    public DifferentiableGraph graph() {
        return graph;
    }

    @Override
    public INDArray logits(INDArray x) {
        if (runtime == null) {
            return graphLogits(x);
        }
        try {
            return runtime.run(input.toNetwork(x));
        } catch (OrtException e) {
            throw new IllegalStateException(info.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** Logits from the SameDiff graph, whatever {@link #logits} uses: the function whose gradients this gives. */
    public INDArray graphLogits(INDArray x) {
        return graph.logits(input.toNetwork(x)).castTo(DataType.FLOAT);
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        InputTransform.checkBatch(x, labels.length);
        INDArray y = Logits.oneHot(labels, numClasses());
        return input.fromNetworkGradient(graph.inputGradient(input.toNetwork(x), null, y));
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        InputTransform.checkBatch(x, weights.rows());
        if (weights.columns() != numClasses()) {
            throw new IllegalArgumentException("weights need " + numClasses() + " columns, got " + weights.columns());
        }
        return input.fromNetworkGradient(graph.inputGradient(input.toNetwork(x), weights, null));
    }

    @Override
    public Classifier copy() {
        DifferentiableGraph fresh;
        try {
            fresh = OnnxGraphImporter.importGraph(model, graph.inputShape(), graph.dataType());
        } catch (OnnxImportException e) {
            throw new IllegalStateException("re-importing " + info.name() + " failed: " + e.getMessage(), e);
        }
        return create(info, model, fresh, runtime == null ? null : runtimeModel, fallbackReason);
    }

    @Override
    public void close() {
        if (runtime != null && !closed) {
            runtime.close();
        }
        closed = true;
    }
}
