package org.advlens.model.onnx;

import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise arithmetic with numpy broadcasting (Add, Sub, Mul, Div), activations (Relu, LeakyRelu, Sigmoid,
 * Tanh, Clip, Softmax, LogSoftmax), matrix products (Gemm, MatMul), inference-mode BatchNormalization and
 * ReduceMean. Weights are folded into their final form (transposed, scaled) before they become SameDiff variables.
 */
final class ArithmeticOps {

    private ArithmeticOps() {
    }

    static void register(Map<String, OpTranslator> ops) {
        ops.put("Add", (n, c) -> binary(n, c, Double::sum));
        ops.put("Sub", (n, c) -> binary(n, c, (a, b) -> a - b));
        ops.put("Mul", (n, c) -> binary(n, c, (a, b) -> a * b));
        ops.put("Div", (n, c) -> binary(n, c, (a, b) -> a / b));
        ops.put("Relu", (n, c) -> unary(n, c, x -> c.sd().nn().relu(x, 0)));
        ops.put("LeakyRelu", (n, c) -> unary(n, c, x -> c.sd().nn().leakyRelu(x, n.floatAttribute("alpha", 0.01f))));
        ops.put("Sigmoid", (n, c) -> unary(n, c, x -> c.sd().nn().sigmoid(x)));
        ops.put("Tanh", (n, c) -> unary(n, c, x -> c.sd().math().tanh(x)));
        ops.put("Clip", ArithmeticOps::clip);
        ops.put("Softmax", (n, c) -> softmax(n, c, false));
        ops.put("LogSoftmax", (n, c) -> softmax(n, c, true));
        ops.put("Gemm", ArithmeticOps::gemm);
        ops.put("MatMul", ArithmeticOps::matmul);
        ops.put("BatchNormalization", ArithmeticOps::batchNorm);
        ops.put("ReduceMean", ArithmeticOps::reduceMean);
    }

    private interface Unary {
        SDVariable apply(SDVariable x);
    }

    private static void unary(OnnxNode node, ImportContext ctx, Unary op) throws OnnxImportException {
        ImportedValue x = ctx.traced(node, 0);
        ctx.output(node, 0, op.apply(x.variable()), x.shape());
    }

    private static void binary(OnnxNode node, ImportContext ctx, DoubleBinaryOperator fold) throws OnnxImportException {
        ImportedValue a = ctx.input(node, 0);
        ImportedValue b = ctx.input(node, 1);
        String op = node.opType();
        if (a.isFolded() && b.isFolded()) {
            boolean integer = a.folded().integer() && b.folded().integer();
            DoubleBinaryOperator f = integer && op.equals("Div") ? (x, y) -> (long) (x / y) : fold;
            try {
                ctx.output(node, 0, a.folded().combine(b.folded(), f, integer));
            } catch (IllegalArgumentException e) {
                throw new OnnxImportException(node.describe() + ": " + e.getMessage(), e);
            }
            return;
        }
        long[] out = broadcastShape(node, a, b);
        SDVariable result;
        if (b.isFolded() && b.folded().size() == 1) {
            double v = b.folded().get(0);
            result = switch (op) {
                case "Add" -> a.variable().add(v);
                case "Sub" -> a.variable().sub(v);
                case "Mul" -> a.variable().mul(v);
                default -> a.variable().div(v);
            };
        } else if (a.isFolded() && a.folded().size() == 1) {
            double v = a.folded().get(0);
            result = switch (op) {
                case "Add" -> b.variable().add(v);
                case "Sub" -> b.variable().rsub(v);
                case "Mul" -> b.variable().mul(v);
                default -> b.variable().rdiv(v);
            };
        } else {
            SDVariable x = operand(node, ctx, a, out.length, node.input(0));
            SDVariable y = operand(node, ctx, b, out.length, node.input(1));
            result = switch (op) {
                case "Add" -> x.add(y);
                case "Sub" -> x.sub(y);
                case "Mul" -> x.mul(y);
                default -> x.div(y);
            };
        }
        ctx.output(node, 0, result, out);
    }

    /** A binary op's operand at the output rank: constants get leading 1s, which must not stand for the batch. */
    private static SDVariable operand(OnnxNode node, ImportContext ctx, ImportedValue v, int rank, String name)
            throws OnnxImportException {
        if (!v.isFolded()) {
            if (v.rank() != rank) {
                throw new OnnxImportException(node.describe() + ": image-data operands of different rank ("
                        + ImportContext.shapeText(v.shape()) + ") are not supported");
            }
            return v.variable();
        }
        long[] s = v.shape();
        long[] full = new long[rank];
        Arrays.fill(full, 1);
        System.arraycopy(s, 0, full, rank - s.length, s.length);
        return ctx.weight(name, v.folded().withShape(full).toArray(ctx.dataType()));
    }

    /** Broadcast shape where {@code -1} (the batch) matches only itself or 1. */
    private static long[] broadcastShape(OnnxNode node, ImportedValue a, ImportedValue b) throws OnnxImportException {
        long[] x = a.shape();
        long[] y = b.shape();
        int rank = Math.max(x.length, y.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long dx = i < rank - x.length ? 1 : x[i - (rank - x.length)];
            long dy = i < rank - y.length ? 1 : y[i - (rank - y.length)];
            if (dx != dy && dx != 1 && dy != 1) {
                throw new OnnxImportException(node.describe() + ": shapes " + ImportContext.shapeText(x) + " and "
                        + ImportContext.shapeText(y) + " do not broadcast");
            }
            out[i] = dx == 1 ? dy : dx;
        }
        if (out.length == 0 || out[0] != -1) {
            throw new OnnxImportException(node.describe() + ": the result " + ImportContext.shapeText(out)
                    + " does not keep the batch as its first dimension");
        }
        return out;
    }

    private static void clip(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue x = ctx.traced(node, 0);
        double min = -Float.MAX_VALUE;
        double max = Float.MAX_VALUE;
        if (ctx.opset() >= 11) {
            if (ctx.hasInput(node, 1)) {
                min = ctx.folded(node, 1, "minimum").get(0);
            }
            if (ctx.hasInput(node, 2)) {
                max = ctx.folded(node, 2, "maximum").get(0);
            }
        } else {
            min = node.floatAttribute("min", -Float.MAX_VALUE);
            max = node.floatAttribute("max", Float.MAX_VALUE);
        }
        ctx.output(node, 0, ctx.sd().math().clipByValue(x.variable(), min, max), x.shape());
    }

    /**
     * Softmax or log-softmax along an axis, written with exp, sum and log: SameDiff's own softmax ops with an axis
     * do not survive the graph copy that its gradient function makes (version 1.0.0-M2.1).
     */
    private static void softmax(OnnxNode node, ImportContext ctx, boolean log) throws OnnxImportException {
        ImportedValue x = ctx.traced(node, 0);
        int axis = ShapeOps.axis(node, node.intAttribute("axis", ctx.opset() >= 13 ? -1 : 1), x.rank());
        if (ctx.opset() < 13 && axis != x.rank() - 1) {
            throw new OnnxImportException(node.describe() + ": softmax over several axes (opset < 13) is not"
                    + " supported");
        }
        ctx.output(node, 0, log ? logSoftmax(x.variable(), axis) : softmax(x.variable(), axis), x.shape());
    }

    static SDVariable logSoftmax(SDVariable z, int axis) {
        SDVariable m = z.max(true, axis);
        SDVariable shifted = z.sub(m);
        return shifted.sub(shifted.getSameDiff().math().log(shifted.getSameDiff().math().exp(shifted).sum(true, axis)));
    }

    private static SDVariable softmax(SDVariable z, int axis) {
        SDVariable e = z.getSameDiff().math().exp(z.sub(z.max(true, axis)));
        return e.div(e.sum(true, axis));
    }

    private static void gemm(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue a = ctx.traced(node, 0);
        if (a.rank() != 2 || node.intAttribute("transA", 0) != 0) {
            throw new OnnxImportException(node.describe() + ": needs image-data input A of shape [n, k] without"
                    + " transA, got " + ImportContext.shapeText(a.shape()));
        }
        FoldedTensor b = ctx.folded(node, 1, "weight matrix B");
        double alpha = node.floatAttribute("alpha", 1f);
        double beta = node.floatAttribute("beta", 1f);
        INDArray w = b.toArray(ctx.dataType());
        if (node.intAttribute("transB", 0) != 0) {
            w = w.transpose();
        }
        w = w.mul(alpha).dup('c');
        if (w.rank() != 2 || w.size(0) != a.shape()[1]) {
            throw new OnnxImportException(node.describe() + ": B of shape " + Arrays.toString(b.shape())
                    + " does not fit A " + ImportContext.shapeText(a.shape()));
        }
        SDVariable y = ctx.sd().mmul(a.variable(), ctx.weight(node.input(1), w));
        long[] out = {-1, w.size(1)};
        if (ctx.hasInput(node, 2)) {
            ImportedValue c = ctx.input(node, 2);
            if (c.isFolded()) {
                INDArray bias = c.folded().toArray(ctx.dataType()).mul(beta);
                y = y.add(ctx.weight(node.input(2), bias.rank() == 0 ? bias.reshape(1) : bias));
            } else {
                y = y.add(c.variable().mul(beta));
            }
        }
        ctx.output(node, 0, y, out);
    }

    private static void matmul(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue a = ctx.traced(node, 0);
        FoldedTensor b = ctx.folded(node, 1, "second matrix");
        long[] s = a.shape();
        long k = s[s.length - 1];
        if (b.rank() != 2 || b.shape()[0] != k || s.length < 2) {
            throw new OnnxImportException(node.describe() + ": supports image data [n, ..., k] times a constant"
                    + " [k, m] matrix, got " + ImportContext.shapeText(s) + " and " + Arrays.toString(b.shape()));
        }
        SDVariable w = ctx.weight(node.input(1), b.toArray(ctx.dataType()));
        long m = b.shape()[1];
        long[] out = s.clone();
        out[out.length - 1] = m;
        SDVariable y;
        if (s.length == 2) {
            y = ctx.sd().mmul(a.variable(), w);
        } else {
            y = ctx.sd().reshape(ctx.sd().mmul(ctx.sd().reshape(a.variable(), -1, k), w), out);
        }
        ctx.output(node, 0, y, out);
    }

    private static void batchNorm(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue x = ctx.traced(node, 0);
        if (node.intAttribute("training_mode", 0) != 0) {
            throw new OnnxImportException(node.describe() + ": training-mode batch normalization is not supported;"
                    + " export the model in eval mode");
        }
        double eps = node.floatAttribute("epsilon", 1e-5f);
        double[] scale = ctx.folded(node, 1, "scale").data();
        double[] bias = ctx.folded(node, 2, "bias").data();
        double[] mean = ctx.folded(node, 3, "running mean").data();
        double[] var = ctx.folded(node, 4, "running variance").data();
        int c = scale.length;
        if (x.rank() < 2 || x.shape()[1] != c) {
            throw new OnnxImportException(node.describe() + ": " + c + " channels do not fit input "
                    + ImportContext.shapeText(x.shape()));
        }
        double[] a = new double[c];
        double[] b = new double[c];
        for (int i = 0; i < c; i++) {
            a[i] = scale[i] / Math.sqrt(var[i] + eps);
            b[i] = bias[i] - mean[i] * a[i];
        }
        long[] shape = new long[x.rank()];
        Arrays.fill(shape, 1);
        shape[1] = c;
        SDVariable mul = ctx.weight(node.name() + "_scale", new FoldedTensor(shape, a, false).toArray(ctx.dataType()));
        SDVariable add = ctx.weight(node.name() + "_shift", new FoldedTensor(shape, b, false).toArray(ctx.dataType()));
        ctx.output(node, 0, x.variable().mul(mul).add(add), x.shape());
    }

    private static void reduceMean(OnnxNode node, ImportContext ctx) throws OnnxImportException {
        ImportedValue x = ctx.traced(node, 0);
        long[] axes = ctx.hasInput(node, 1) ? ctx.folded(node, 1, "axes").toLongs() : node.intsAttribute("axes", null);
        boolean keep = node.intAttribute("keepdims", 1) != 0;
        int rank = x.rank();
        if (axes == null || axes.length == 0) {
            throw new OnnxImportException(node.describe() + ": reducing over all axes (including the batch) is not"
                    + " supported");
        }
        int[] dims = new int[axes.length];
        boolean[] reduced = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = ShapeOps.axis(node, axes[i], rank);
            if (dims[i] == 0) {
                throw new OnnxImportException(node.describe() + ": reducing over the batch axis is not supported");
            }
            reduced[dims[i]] = true;
        }
        long[] s = x.shape();
        long[] out = new long[rank];
        int n = 0;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                out[n++] = s[i];
            } else if (keep) {
                out[n++] = 1;
            }
        }
        ctx.output(node, 0, ctx.sd().mean(x.variable(), keep, dims), Arrays.copyOf(out, n));
    }
}
