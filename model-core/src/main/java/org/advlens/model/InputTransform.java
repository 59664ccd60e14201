package org.advlens.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a classifier does between the engine's pixel space and its network: checks the {@code [n, c, h, w]}
 * shape, normalises with the {@link InputSpec}'s per-channel mean and std, and changes the layout to the one the
 * network expects; and the reverse for a gradient (chain rule through the normalisation: divide by std).
 * Shared by every network-backed classifier so they agree on it exactly.
 */
public final class InputTransform {

    private final InputSpec spec;
    private final INDArray mean;
    private final INDArray std;

    public InputTransform(InputSpec spec) {
        this.spec = spec;
        this.mean = spec.normalised() ? Nd4j.createFromArray(toFloat(spec.mean())) : null;
        this.std = spec.normalised() ? Nd4j.createFromArray(toFloat(spec.std())) : null;
    }

    /**
     * The network input for a pixel-space batch. Without normalisation or layout change this may be {@code x}
     * itself (a float array), so callers must not write into the result.
     */
    public INDArray toNetwork(INDArray x) {
        if (x.rank() != 4 || x.size(1) != spec.channels() || x.size(2) != spec.height() || x.size(3) != spec.width()) {
            throw new IllegalArgumentException("expected input [n, " + spec.channels() + ", " + spec.height() + ", "
                    + spec.width() + "], got " + Arrays.toString(x.shape()));
        }
        INDArray in = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        if (mean != null) {
            INDArray out = in.dup();
            Broadcast.sub(out, mean, out, 1);
            Broadcast.div(out, std, out, 1);
            in = out;
        }
        return spec.layout() == ChannelOrder.NHWC ? in.permute(0, 2, 3, 1).dup('c') : in;
    }

    /** The pixel-space NCHW gradient for a gradient with respect to the network input; always a new array. */
    public INDArray fromNetworkGradient(INDArray g) {
        INDArray out = spec.layout() == ChannelOrder.NHWC ? g.permute(0, 3, 1, 2).dup('c') : g.dup();
        if (std != null) {
            Broadcast.div(out, std.castTo(out.dataType()), out, 1);
        }
        return out;
    }

    /** Whether the network takes the pixels as they are: no normalisation, NCHW. */
    public boolean isIdentity() {
        return mean == null && spec.layout() == ChannelOrder.NCHW;
    }

    /**
     * {@link #toNetwork(INDArray)} on a row-major float batch of {@code n} images: {@code x} itself when the
     * transform is the identity, else a new array.
     */
    public float[] toNetwork(float[] x, int n) {
        if (isIdentity()) {
            return x;
        }
        int c = spec.channels();
        int plane = spec.height() * spec.width();
        float[] out = new float[x.length];
        boolean nhwc = spec.layout() == ChannelOrder.NHWC;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                float m = mean == null ? 0f : (float) spec.mean()[ch];
                float s = mean == null ? 1f : (float) spec.std()[ch];
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    out[nhwc ? (i * plane + p) * c + ch : base + p] = (x[base + p] - m) / s;
                }
            }
        }
        return out;
    }

    /** {@link #fromNetworkGradient(INDArray)} on floats, written into {@code out} (pixel-space NCHW). */
    public void fromNetworkGradient(float[] g, int n, float[] out) {
        if (isIdentity()) {
            System.arraycopy(g, 0, out, 0, g.length);
            return;
        }
        int c = spec.channels();
        int plane = spec.height() * spec.width();
        boolean nhwc = spec.layout() == ChannelOrder.NHWC;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                float s = mean == null ? 1f : (float) spec.std()[ch];
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    out[base + p] = g[nhwc ? (i * plane + p) * c + ch : base + p] / s;
                }
            }
        }
    }

    /** @throws IllegalArgumentException if the batch has not {@code n} images */
    public static void checkBatch(INDArray x, long n) {
        if (x.size(0) != n) {
            throw new IllegalArgumentException("batch has " + x.size(0) + " images but " + n + " labels/weight rows");
        }
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
