package org.advlens.model.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward passes through ONNX Runtime: several times faster than SameDiff for plain logits, but without
 * gradients. Runs the model bytes it is given (with the final Softmax already cut off when the classifier strips
 * it). A model exported with a fixed batch size is run in chunks of that size.
 *
 * <p>Intra-op threads do not spin while idle (as with {@code OMP_WAIT_POLICY=PASSIVE} for ND4J), which matters on
 * a busy machine. Holds a native session: {@link #close()} it.
 *
 * <p>ONNX Runtime 1.29.0's Java binding crashes the JVM (SIGSEGV while creating its environment) when the
 * process's command line is longer than about 4 KB, as it is when a long class path is given with {@code -cp}.
 * {@link #unavailableReason()} checks that first, so that callers fall back to SameDiff instead; starting Java with
 * the class path in an argument file ({@code java @args}) or in {@code CLASSPATH} avoids it.
 */
public final class OnnxRuntimeForward implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long fixedBatch;
    private final String outputName;
    private final Map<String, ai.onnxruntime.OnnxTensor> weights = new java.util.HashMap<>();
    private Buffers buffers;

    private OnnxRuntimeForward(OrtEnvironment env, OrtSession session, String inputName, long fixedBatch)
            throws OrtException {
        this.env = env;
        this.session = session;
        this.inputName = inputName;
        this.fixedBatch = fixedBatch;
        this.outputName = session.getOutputNames().iterator().next();
    }

    /** Longest command line (bytes of {@code /proc/self/cmdline}) seen to be safe; 4 KB crashed. */
    static final int SAFE_COMMAND_LINE = 3800;

    /**
     * Why ONNX Runtime cannot be used in this process, or empty if it can (as far as can be told without
     * loading it).
     */
    public static java.util.Optional<String> unavailableReason() {
        try {
            // /proc reports size 0 for this file, so read it
            return unavailableReason(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/cmdline"))
                    .length);
        } catch (java.io.IOException | SecurityException e) {
            return java.util.Optional.empty(); // not Linux, or /proc is hidden: nothing to check
        }
    }

    static java.util.Optional<String> unavailableReason(long commandLineBytes) {
        return commandLineBytes <= SAFE_COMMAND_LINE ? java.util.Optional.empty()
                : java.util.Optional.of("the Java command line is " + commandLineBytes + " bytes long, and ONNX"
                        + " Runtime 1.29 crashes the JVM above about 4 KB; pass the class path in an argument file"
                        + " (java @args) or in CLASSPATH to use it");
    }

    /**
     * Opens a session on the model bytes; the model must have one float input.
     *
     * @throws IllegalStateException if {@link #unavailableReason()} says ONNX Runtime cannot run here
     */
    public static OnnxRuntimeForward open(byte[] model) throws OrtException {
        return open(model, java.util.Set.of());
    }

    /**
     * Opens a session on a model whose inputs are one float image input and the named weight inputs, which
     * {@link #setWeight} feeds.
     */
    public static OnnxRuntimeForward open(byte[] model, java.util.Set<String> weightInputs) throws OrtException {
        java.util.Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw new IllegalStateException(reason.get());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = org.advlens.model.onnx.RuntimeOptions.create(0)) {
            OrtSession session = env.createSession(model, options);
            try {
                Map<String, NodeInfo> inputs = new java.util.HashMap<>(session.getInputInfo());
                inputs.keySet().removeAll(weightInputs);
                if (inputs.size() != 1) {
                    throw new IllegalArgumentException("the model has " + inputs.size() + " image inputs; expected one");
                }
                NodeInfo in = inputs.values().iterator().next();
                long batch = -1;
                if (in.getInfo() instanceof TensorInfo t && t.getShape().length > 0) {
                    batch = t.getShape()[0];
                }
                return new OnnxRuntimeForward(env, session, in.getName(), batch > 0 ? batch : -1);
            } catch (RuntimeException | OrtException e) {
                session.close();
                throw e;
            }
        }
    }

    /** The model's output for a batch in the network's layout, as a float matrix {@code [n, classes]}. */
    public INDArray run(INDArray x) throws OrtException {
        long n = x.size(0);
        if (fixedBatch <= 0 || fixedBatch == n) {
            return runOnce(x);
        }
        INDArray out = null;
        for (long from = 0; from < n; from += fixedBatch) {
            long to = Math.min(n, from + fixedBatch);
            INDArray part = x.get(NDArrayIndex.interval(from, to));
            if (to - from < fixedBatch) {
                long[] shape = x.shape();
                shape[0] = fixedBatch;
                INDArray padded = Nd4j.zeros(x.dataType(), shape);
                padded.get(NDArrayIndex.interval(0, to - from)).assign(part);
                part = padded;
            }
            INDArray z = runOnce(part);
            if (out == null) {
                out = Nd4j.create(DataType.FLOAT, n, z.size(1));
            }
            out.get(NDArrayIndex.interval(from, to)).assign(z.get(NDArrayIndex.interval(0, to - from)));
        }
        return out;
    }

    /** Sets a weight input's values (row-major), used by every run from now on. */
    public void setWeight(String name, float[] values, long[] dims) throws OrtException {
        ai.onnxruntime.OnnxTensor old = weights.get(name);
        FloatBuffer b = java.nio.ByteBuffer.allocateDirect(values.length * 4).order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(values).rewind();
        weights.put(name, ai.onnxruntime.OnnxTensor.createTensor(env, b, dims));
        if (old != null) {
            old.close();
        }
    }

    private Map<String, ai.onnxruntime.OnnxTensor> inputs(ai.onnxruntime.OnnxTensor image) {
        if (weights.isEmpty()) {
            return Map.of(inputName, image);
        }
        Map<String, ai.onnxruntime.OnnxTensor> all = new java.util.HashMap<>(weights);
        all.put(inputName, image);
        return all;
    }

    private INDArray runOnce(INDArray x) throws OrtException {
        int n = (int) x.size(0);
        Buffers buf = buffers(x.shape());
        buf.input.clear();
        buf.input.put(org.advlens.model.FloatArrays.of(x));
        buf.input.rewind();
        try (OrtSession.Result r = buf.output == null ? session.run(inputs(buf.tensor))
                : session.run(inputs(buf.tensor), Map.of(outputName, buf.output))) {
            if (buf.output == null) {
                ai.onnxruntime.OnnxTensor z = (ai.onnxruntime.OnnxTensor) r.get(0);
                long[] shape = z.getInfo().getShape();
                if (shape.length != 2) {
                    throw new IllegalStateException("ONNX Runtime returned shape " + Arrays.toString(shape)
                            + "; expected [batch, classes]");
                }
                buf.classes = (int) shape[1];
                FloatBuffer fb = z.getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                buf.pinOutput(n);
                return Nd4j.create(out, shape, 'c');
            }
        }
        float[] out = new float[n * buf.classes];
        buf.logits.rewind();
        buf.logits.get(out);
        return Nd4j.create(out, new long[] {n, buf.classes}, 'c');
    }

    private Buffers buffers(long[] shape) throws OrtException {
        if (buffers == null || !Arrays.equals(buffers.shape, shape)) {
            if (buffers != null) {
                buffers.close();
            }
            buffers = new Buffers(shape);
        }
        return buffers;
    }

    /**
     * A native input buffer for one input shape, and once the number of classes is known, a native output buffer:
     * the run allocates no tensors after the first call with that shape.
     */
    private final class Buffers implements AutoCloseable {
        final long[] shape;
        final FloatBuffer input;
        final ai.onnxruntime.OnnxTensor tensor;
        int classes;
        FloatBuffer logits;
        ai.onnxruntime.OnnxTensor output;

        Buffers(long[] shape) throws OrtException {
            this.shape = shape.clone();
            long size = 1;
            for (long d : shape) {
                size *= d;
            }
            input = java.nio.ByteBuffer.allocateDirect(Math.toIntExact(size * 4)).order(java.nio.ByteOrder.nativeOrder())
                    .asFloatBuffer();
            tensor = ai.onnxruntime.OnnxTensor.createTensor(env, input, shape);
        }

        void pinOutput(int n) throws OrtException {
            logits = java.nio.ByteBuffer.allocateDirect(n * classes * 4).order(java.nio.ByteOrder.nativeOrder())
                    .asFloatBuffer();
            output = ai.onnxruntime.OnnxTensor.createTensor(env, logits, new long[] {n, classes});
        }

        @Override
        public void close() {
            tensor.close();
            if (output != null) {
                output.close();
            }
        }
    }

    @Override
    public void close() {
        if (buffers != null) {
            buffers.close();
            buffers = null;
        }
        weights.values().forEach(ai.onnxruntime.OnnxTensor::close);
        weights.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
