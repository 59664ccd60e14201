package org.advlens.model.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.advlens.model.onnx.RuntimeOptions;

/**
 * Finite differences of a classifier's forward pass on ONNX Runtime, in float32: the logits at a batch and, in the
 * same run, at each image moved by about {@code +-step} along each coordinate (the steps actually taken in float32
 * are used), turned into one-sided and central differences of scalar objectives of the logits.
 */
final class OnnxFiniteDifferences implements AutoCloseable {

    /** A scalar objective of one row of logits, {@code logits[offset .. offset + classes)}, of image {@code image}. */
    @FunctionalInterface
    interface Objective {
        double of(float[] logits, int offset, int image);
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final long[] dims;
    private final int classes;
    private final double step;

    /**
     * A runner of {@code model}, whose input {@code x} has the dimensions {@code dims} after the batch and whose
     * output is {@code [batch, classes]} logits, with differences over steps of {@code step}.
     */
    OnnxFiniteDifferences(byte[] model, long[] dims, int classes, double step) throws OrtException {
        try (OrtSession.SessionOptions options = RuntimeOptions.create(1)) {
            this.session = env.createSession(model, options);
        }
        this.dims = dims.clone();
        this.classes = classes;
        this.step = step;
    }

    /** Differences of each objective at the batch {@code x} of images of {@code size} values each. */
    Differences differences(float[] x, int size, Objective... objectives) throws OrtException {
        int n = x.length / size;
        int rows = n + 2 * x.length;
        float[] batch = new float[rows * size];
        System.arraycopy(x, 0, batch, 0, x.length);
        double[] up = new double[x.length];
        double[] down = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int image = i / size;
            int plus = (n + 2 * i) * size;
            int minus = plus + size;
            System.arraycopy(x, image * size, batch, plus, size);
            System.arraycopy(x, image * size, batch, minus, size);
            batch[plus + i % size] = (float) (x[i] + step);
            batch[minus + i % size] = (float) (x[i] - step);
            up[i] = (double) batch[plus + i % size] - x[i];
            down[i] = x[i] - (double) batch[minus + i % size];
        }
        float[] z = logits(batch, rows);
        double[][] forward = new double[objectives.length][x.length];
        double[][] backward = new double[objectives.length][x.length];
        double[][] central = new double[objectives.length][x.length];
        for (int o = 0; o < objectives.length; o++) {
            for (int i = 0; i < x.length; i++) {
                int image = i / size;
                double f0 = objectives[o].of(z, image * classes, image);
                double plus = objectives[o].of(z, (n + 2 * i) * classes, image);
                double minus = objectives[o].of(z, (n + 2 * i + 1) * classes, image);
                forward[o][i] = (plus - f0) / up[i];
                backward[o][i] = (f0 - minus) / down[i];
                central[o][i] = (plus - minus) / (up[i] + down[i]);
            }
        }
        return new Differences(Arrays.copyOf(z, n * classes), forward, backward, central);
    }

    private float[] logits(float[] batch, int rows) throws OrtException {
        long[] shape = new long[dims.length + 1];
        shape[0] = rows;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), shape);
             OrtSession.Result r = session.run(Map.of(TinyOnnxGraphs.INPUT, t))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            assertEquals(rows * classes, out.length, "reference logits");
            return out;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /** One-sided and central differences of each objective along each coordinate of the batch. */
    record Differences(float[] logits, double[][] forward, double[][] backward, double[][] central) {

        double[] central(int objective) {
            return central[objective];
        }

        /**
         * Coordinates where the objective's forward and backward differences disagree by more than
         * {@code threshold}: a kink lies within a step. Meaningful for piecewise-linear models, whose one-sided
         * differences agree everywhere else.
         */
        boolean[] kinks(int objective, double threshold) {
            boolean[] kink = new boolean[forward[objective].length];
            for (int i = 0; i < kink.length; i++) {
                kink[i] = Math.abs(forward[objective][i] - backward[objective][i]) > threshold;
            }
            return kink;
        }
    }
}
