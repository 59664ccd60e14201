package org.advlens.model.gradient;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.advlens.model.onnx.RuntimeOptions;

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
    private final Map<String, WeightBuffer> weights = new java.util.HashMap<>();
    private Buffers buffers;

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
        float[] logits = new float[n * model.numClasses()];
        float[] grad = new float[x.length];
        run(x, n, crossEntropy, weights, logits, grad);
        return new Output(logits, grad);
    }

    /**
     * The same into the caller's arrays ({@code logits}: {@code n * classes}, {@code gradient}: the size of
     * {@code x}), through native buffers kept from one call to the next, so that a loop of steps allocates nothing
     * per step.
     */
    public void run(float[] x, int n, float[] crossEntropy, float[] weights, float[] logits, float[] gradient)
            throws OrtException {
        int k = model.numClasses();
        if (x.length != n * imageSize || gradient.length != x.length || logits.length != n * k) {
            throw new IllegalArgumentException("expected " + n + " images of " + imageSize + " values and " + n
                    + " x " + k + " logits, got " + x.length + ", " + gradient.length + " and " + logits.length);
        }
        if (crossEntropy != null && crossEntropy.length != n * k || weights != null && weights.length != n * k) {
            throw new IllegalArgumentException("objective weights need " + n + " x " + k + " values");
        }
        long fixed = model.fixedBatch();
        int b = fixed > 0 ? (int) fixed : n;
        Buffers buf = buffers(b);
        for (int from = 0; from < n; from += b) {
            int m = Math.min(b, n - from);
            buf.fill(x, from * imageSize, m * imageSize, buf.x);
            buf.fill(crossEntropy, from * k, m * k, buf.ce);
            buf.fill(weights, from * k, m * k, buf.w);
            session.run(withWeights(buf.inputs), buf.outputs).close();
            buf.logits.rewind();
            buf.logits.get(logits, from * k, m * k);
            buf.gradient.rewind();
            buf.gradient.get(gradient, from * imageSize, m * imageSize);
        }
    }

    /** An inner value's activation and the objective's gradient with respect to it, row-major. */
    public record Inner(long[] shape, float[] activation, float[] gradient) {
    }

    /**
     * The activation and gradient of one of the model's {@link GradientModel#innerValues()} for {@code n} images
     * (a batch of the model's fixed size, if it has one), with logit weights {@code weights}.
     */
    public Inner inner(String value, float[] x, int n, float[] weights) throws OrtException {
        if (!model.innerValues().contains(value)) {
            throw new IllegalArgumentException("the gradient graph does not output '" + value + "'; it outputs "
                    + model.innerValues());
        }
        long[] shape = new long[model.inputDims().length + 1];
        shape[0] = n;
        System.arraycopy(model.inputDims(), 0, shape, 1, model.inputDims().length);
        long[] matrix = {n, model.numClasses()};
        try (OnnxTensor tx = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OnnxTensor tc = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[n * model.numClasses()]), matrix);
             OnnxTensor tw = OnnxTensor.createTensor(env, FloatBuffer.wrap(weights), matrix);
             OrtSession.Result r = session.run(withWeights(Map.of(model.inputName(), tx, GradientModel.CROSS_ENTROPY, tc,
                     GradientModel.LOGIT_WEIGHTS, tw)), java.util.Set.of(GradientModel.innerOutput(value),
                     GradientModel.innerGradientOutput(value)))) {
            OnnxTensor a = (OnnxTensor) r.get(GradientModel.innerOutput(value)).orElseThrow();
            OnnxTensor g = (OnnxTensor) r.get(GradientModel.innerGradientOutput(value)).orElseThrow();
            return new Inner(a.getInfo().getShape(), read(a), read(g));
        }
    }

    private static float[] read(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * Sets the values of the model's weight inputs ({@link GradientModel#weightInputs()}), used by every run from
     * now on: all of them on the first call, any of them afterwards. Copies into native buffers kept across calls.
     */
    public void setWeights(Map<String, float[]> values) throws OrtException {
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            long[] dims = model.weightInputs().get(e.getKey());
            if (dims == null) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not a weight input of the model; its are "
                        + model.weightInputs().keySet());
            }
            weights.computeIfAbsent(e.getKey(), k -> new WeightBuffer(dims)).set(e.getValue());
        }
    }

    /** The image and objective inputs with the weights added. */
    private Map<String, OnnxTensor> withWeights(Map<String, OnnxTensor> inputs) {
        if (model.weightInputs().isEmpty()) {
            return inputs;
        }
        if (weights.size() != model.weightInputs().size()) {
            throw new IllegalStateException("the weights " + model.weightInputs().keySet() + " must be set before a run,"
                    + " got " + weights.keySet());
        }
        Map<String, OnnxTensor> all = new java.util.HashMap<>(inputs);
        weights.forEach((name, w) -> all.put(name, w.tensor()));
        return all;
    }

    /** A weight's native buffer and its tensor, made on the first {@link #set}. */
    private final class WeightBuffer implements AutoCloseable {
        private final long[] dims;
        private final FloatBuffer buffer;
        private OnnxTensor tensor;

        WeightBuffer(long[] dims) {
            this.dims = dims;
            long size = 1;
            for (long d : dims) {
                size *= d;
            }
            this.buffer = direct(Math.toIntExact(size));
        }

        void set(float[] values) {
            if (values.length != buffer.capacity()) {
                throw new IllegalArgumentException("weight of shape " + java.util.Arrays.toString(dims) + " needs "
                        + buffer.capacity() + " values, got " + values.length);
            }
            buffer.clear();
            buffer.put(values);
            buffer.rewind();
        }

        OnnxTensor tensor() {
            if (tensor == null) {
                try {
                    tensor = OnnxTensor.createTensor(env, buffer, dims);
                } catch (OrtException e) {
                    throw new IllegalStateException("cannot wrap a weight buffer: " + e.getMessage(), e);
                }
            }
            return tensor;
        }

        @Override
        public void close() {
            if (tensor != null) {
                tensor.close();
            }
        }
    }

    private Buffers buffers(int batch) throws OrtException {
        if (buffers == null || buffers.batch != batch) {
            if (buffers != null) {
                buffers.close();
                buffers = null;
            }
            buffers = new Buffers(batch);
        }
        return buffers;
    }

    /** Native input and output buffers for one batch size, wrapped as tensors once. */
    private final class Buffers implements AutoCloseable {
        final int batch;
        final FloatBuffer x;
        final FloatBuffer ce;
        final FloatBuffer w;
        final FloatBuffer logits;
        final FloatBuffer gradient;
        final Map<String, OnnxTensor> inputs;
        final Map<String, OnnxTensor> outputs;

        Buffers(int batch) throws OrtException {
            this.batch = batch;
            int k = model.numClasses();
            x = direct(batch * imageSize);
            ce = direct(batch * k);
            w = direct(batch * k);
            logits = direct(batch * k);
            gradient = direct(batch * imageSize);
            long[] shape = new long[model.inputDims().length + 1];
            shape[0] = batch;
            System.arraycopy(model.inputDims(), 0, shape, 1, model.inputDims().length);
            long[] matrix = {batch, k};
            inputs = Map.of(model.inputName(), OnnxTensor.createTensor(env, x, shape),
                    GradientModel.CROSS_ENTROPY, OnnxTensor.createTensor(env, ce, matrix),
                    GradientModel.LOGIT_WEIGHTS, OnnxTensor.createTensor(env, w, matrix));
            outputs = Map.of(GradientModel.LOGITS, OnnxTensor.createTensor(env, logits, matrix),
                    GradientModel.INPUT_GRADIENT, OnnxTensor.createTensor(env, gradient, shape));
        }

        /** Copies {@code count} values (or zeros for {@code null}) into the buffer, zero-padding the rest. */
        void fill(float[] from, int offset, int count, FloatBuffer to) {
            to.clear();
            if (from != null) {
                to.put(from, offset, count);
            }
            while (to.position() < to.capacity() && (from == null || to.position() >= count)) {
                int chunk = Math.min(ZEROS.length, to.capacity() - to.position());
                to.put(ZEROS, 0, chunk);
            }
            to.rewind();
        }

        @Override
        public void close() {
            inputs.values().forEach(OnnxTensor::close);
            outputs.values().forEach(OnnxTensor::close);
        }
    }

    private static final float[] ZEROS = new float[4096];

    private static FloatBuffer direct(int size) {
        return java.nio.ByteBuffer.allocateDirect(size * 4).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void close() {
        if (buffers != null) {
            buffers.close();
            buffers = null;
        }
        weights.values().forEach(WeightBuffer::close);
        weights.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
