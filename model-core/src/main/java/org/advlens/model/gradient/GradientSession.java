package org.advlens.model.gradient;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs a {@link GradientModel} on ONNX Runtime: logits and input gradient of one batch in one call. Holds a native
 * session ({@link #close()} it) and belongs to one thread at a time. A model with a fixed batch size is run in
 * chunks of that size, the last one padded.
 */
public final class GradientSession implements AutoCloseable {

    /** Logits {@code [n, classes]} and input gradient (the input's shape), row-major. */
    public record Output(float[] logits, float[] inputGradient) {
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final GradientModel model;
    private final int imageSize;

    private GradientSession(OrtEnvironment env, OrtSession session, GradientModel model) {
        this.env = env;
        this.session = session;
        this.model = model;
        long size = 1;
        for (long d : model.inputDims()) {
            size *= d;
        }
        this.imageSize = Math.toIntExact(size);
    }

    /** Opens a session with {@code threads} intra-op threads that do not spin while idle. */
    public static GradientSession open(GradientModel model, int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = RuntimeOptions.create(threads)) {
            return new GradientSession(env, env.createSession(model.bytes(), options), model);
        }
    }

    public GradientModel model() {
        return model;
    }

    /**
     * Logits and the input gradient of {@code sum ce . (-log softmax z) + sum w . z} for {@code n} images.
     *
     * @param x {@code n} images in the network's layout, row-major
     * @param crossEntropy {@code [n, classes]} cross-entropy weights (one-hot labels), or {@code null} for none
     * @param weights {@code [n, classes]} logit weights, or {@code null} for none
     */
    public Output run(float[] x, int n, float[] crossEntropy, float[] weights) throws OrtException {
        int k = model.numClasses();
        if (x.length != n * imageSize) {
            throw new IllegalArgumentException("expected " + n + " images of " + imageSize + " values, got "
                    + x.length + " values");
        }
        float[] ce = crossEntropy != null ? crossEntropy : new float[n * k];
        float[] w = weights != null ? weights : new float[n * k];
        if (ce.length != n * k || w.length != n * k) {
            throw new IllegalArgumentException("objective weights need " + n + " x " + k + " values");
        }
        long batch = model.fixedBatch();
        if (batch <= 0 || batch == n) {
            return runOnce(x, ce, w, n);
        }
        float[] logits = new float[n * k];
        float[] grad = new float[x.length];
        int b = (int) batch;
        for (int from = 0; from < n; from += b) {
            int m = Math.min(b, n - from);
            float[] xs = new float[b * imageSize];
            float[] cs = new float[b * k];
            float[] ws = new float[b * k];
            System.arraycopy(x, from * imageSize, xs, 0, m * imageSize);
            System.arraycopy(ce, from * k, cs, 0, m * k);
            System.arraycopy(w, from * k, ws, 0, m * k);
            Output part = runOnce(xs, cs, ws, b);
            System.arraycopy(part.logits(), 0, logits, from * k, m * k);
            System.arraycopy(part.inputGradient(), 0, grad, from * imageSize, m * imageSize);
        }
        return new Output(logits, grad);
    }

    private Output runOnce(float[] x, float[] ce, float[] w, int n) throws OrtException {
        long[] shape = new long[model.inputDims().length + 1];
        shape[0] = n;
        System.arraycopy(model.inputDims(), 0, shape, 1, model.inputDims().length);
        long[] matrix = {n, model.numClasses()};
        try (OnnxTensor tx = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OnnxTensor tc = OnnxTensor.createTensor(env, FloatBuffer.wrap(ce), matrix);
             OnnxTensor tw = OnnxTensor.createTensor(env, FloatBuffer.wrap(w), matrix);
             OrtSession.Result r = session.run(Map.of(model.inputName(), tx, GradientModel.CROSS_ENTROPY, tc,
                     GradientModel.LOGIT_WEIGHTS, tw))) {
            return new Output(floats((OnnxTensor) r.get(GradientModel.LOGITS).orElseThrow()),
                    floats((OnnxTensor) r.get(GradientModel.INPUT_GRADIENT).orElseThrow()));
        }
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
