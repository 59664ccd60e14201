package org.advlens.model.gradient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import onnx.Onnx.NodeProto;
import org.advlens.model.onnx.OnnxFixtures;

/**
 * Developer tool, not a test: times the gradient graph of an ONNX model against its forward graph on ONNX
 * Runtime, and one alternative backward formulation of MaxPool. Arguments: [model.onnx] [threads] [batch].
 */
public final class GradientEngineSpeed {

    private GradientEngineSpeed() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = args.length > 0 && !args[0].isEmpty() ? Files.readAllBytes(Path.of(args[0]))
                : OnnxFixtures.bytes("fashion_cnn.onnx");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        GradientModel scatter = GradientGraphBuilder.build(bytes);
        GradientModel mask = GradientGraphBuilder.build(bytes, Map.of("MaxPool", GradientEngineSpeed::maskMaxPool));
        int size = 1;
        for (long d : scatter.inputDims()) {
            size *= (int) d;
        }
        float[] x = new float[batch * size];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] ce = new float[batch * scatter.numClasses()];
        for (int i = 0; i < batch; i++) {
            ce[i * scatter.numClasses() + i % scatter.numClasses()] = 1;
        }
        try (GradientSession a = GradientSession.open(scatter, threads);
             GradientSession b = GradientSession.open(mask, threads);
             var fwd = org.advlens.model.onnx.OnnxRuntimeForward.open(scatter.logitsModel())) {
            org.nd4j.linalg.api.ndarray.INDArray xa = org.nd4j.linalg.factory.Nd4j.create(x,
                    prepend(batch, scatter.inputDims()), 'c');
            float[] ga = a.run(x, batch, ce, null).inputGradient();
            float[] gb = b.run(x, batch, ce, null).inputGradient();
            double diff = 0;
            for (int i = 0; i < ga.length; i++) {
                diff = Math.max(diff, Math.abs(ga[i] - gb[i]));
            }
            System.out.printf("max difference between the two MaxPool rules: %.3g%n", diff);
            for (int round = 0; round < 5; round++) {
                System.out.printf("forward %8.0f img/s   gradient(scatter) %8.0f img/s   gradient(mask) %8.0f img/s%n",
                        rate(batch, () -> fwd.run(xa)), rate(batch, () -> a.run(x, batch, ce, null)),
                        rate(batch, () -> b.run(x, batch, ce, null)));
            }
        }
    }

    private static long[] prepend(long n, long[] dims) {
        long[] s = new long[dims.length + 1];
        s[0] = n;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    interface Call {
        Object run() throws Exception;
    }

    private static double rate(int batch, Call call) throws Exception {
        for (int i = 0; i < 3; i++) {
            call.run();
        }
        int reps = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            call.run();
        }
        return reps * batch / ((System.nanoTime() - t0) / 1e9);
    }

    /** Non-overlapping windows only: the gradient goes to every element equal to its window's maximum. */
    static void maskMaxPool(NodeProto n, BackwardContext ctx) throws UnsupportedGradientException {
        String x = n.getInput(0);
        long[] xs = ctx.shape(x);
        WindowGeometry geo = WindowGeometry.of(n, null, xs, ctx.shape(n.getOutput(0)));
        long kh = geo.kernel()[0];
        long kw = geo.kernel()[1];
        if (geo.strides()[0] != kh || geo.strides()[1] != kw || geo.out()[0] * kh != geo.in()[0]
                || geo.out()[1] * kw != geo.in()[1]) {
            throw new UnsupportedGradientException("mask rule needs tiling windows");
        }
        String split = ctx.longs(0, xs[1], geo.out()[0], 1, geo.out()[1], 1);
        String full = ctx.longs(1, 1, 1, kh, 1, kw);
        String back = ctx.node("Shape", List.of(x));
        String y = n.getOutput(0);
        String upY = ctx.node("Reshape", List.of(ctx.node("Expand", List.of(ctx.node("Reshape", List.of(y, split)),
                full)), back));
        String upG = ctx.node("Reshape", List.of(ctx.node("Expand", List.of(ctx.node("Reshape",
                List.of(ctx.gradient(y), split)), full)), back));
        String isMax = ctx.node("Equal", List.of(x, upY));
        ctx.addGradient(x, ctx.node("Where", List.of(isMax, upG, ctx.constant(new long[0], 0f))));
    }
}
