package org.advlens.model.runtime;

import ai.onnxruntime.OrtException;
import java.util.Arrays;
import java.util.Optional;
import org.advlens.model.ModelInfo;
import org.advlens.model.ModelLoadException;
import org.advlens.model.gradient.GradientGraphBuilder;
import org.advlens.model.gradient.GradientModel;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.onnx.OnnxRuntimeForward;

/**
 * Puts a model on the gradient engine when it can: builds the gradient graph, opens the ONNX Runtime sessions and
 * checks the gradient against finite differences. Each step that fails gives the reason for the fallback path.
 */
public final class GradientEngine {

    /** Seed of the load-time gradient check, fixed so that a load is reproducible. */
    static final long CHECK_SEED = 20261206L;

    /** A gradient model, or why there is none. */
    public record Attempt(GradientModel model, String fallbackReason) {
    }

    /** A classifier on the engine, or why there is none. */
    public record Opened(OnnxRuntimeClassifier classifier, String fallbackReason) {
    }

    private GradientEngine() {
    }

    /** The gradient model of ONNX bytes whose input dimensions after the batch must be {@code networkShape}. */
    public static Attempt build(byte[] onnx, long[] networkShape) {
        Optional<String> unavailable = OnnxRuntimeForward.unavailableReason();
        if (unavailable.isPresent()) {
            return new Attempt(null, unavailable.get());
        }
        try {
            GradientModel gm = GradientGraphBuilder.build(onnx);
            if (!Arrays.equals(gm.inputDims(), networkShape)) {
                return new Attempt(null, "the model's input " + Arrays.toString(gm.inputDims())
                        + " differs from the described " + Arrays.toString(networkShape));
            }
            return new Attempt(gm, "");
        } catch (UnsupportedGradientException | RuntimeException | LinkageError e) {
            return new Attempt(null, ModelLoadException.rootMessage(e));
        }
    }

    /** Opens the classifier and checks its gradient; closes it again if the check fails. */
    public static Opened open(ModelInfo info, GradientModel gm) {
        OnnxRuntimeClassifier c;
        try {
            c = OnnxRuntimeClassifier.open(info, gm.logitsModel(), gm, 0);
        } catch (OrtException | RuntimeException | LinkageError e) {
            return new Opened(null, "ONNX Runtime cannot open the gradient graph: " + ModelLoadException.rootMessage(e));
        }
        try {
            Optional<String> problem = GradientSelfCheck.problem(c, CHECK_SEED);
            if (problem.isPresent()) {
                c.close();
                return new Opened(null, problem.get());
            }
            return new Opened(c, "");
        } catch (RuntimeException e) {
            c.close();
            return new Opened(null, "the gradient graph fails on a test image: " + ModelLoadException.rootMessage(e));
        }
    }
}
