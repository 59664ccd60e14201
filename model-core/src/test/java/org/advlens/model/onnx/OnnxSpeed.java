package org.advlens.model.onnx;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.advlens.attack.AttackParams;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.job.CancellationToken;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.runtime.OnnxClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A timing harness (a main, not a test) for an ONNX classifier at batch 100: forward through SameDiff and through
 * ONNX Runtime, forward + input gradient through SameDiff, FGSM and PGD-20. Reports the median over repeated
 * blocks in images per second and process CPU milliseconds per image, as {@code ClassifierSpeed} does.
 *
 * <p>Arguments: {@code [model.onnx] [threads=2] [blocks=5]}; without a model, the Fashion-MNIST-shaped fixture.
 * Run with {@code OMP_WAIT_POLICY=PASSIVE}.
 */
public final class OnnxSpeed {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int BATCH = 100;

    private OnnxSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Nd4j.getEnvironment().setMaxThreads(threads);
        if (file == null) {
            file = Files.createTempFile("advlens-speed-", ".onnx");
            Files.write(file, OnnxFixtures.bytes("fashion_cnn.onnx"));
            file.toFile().deleteOnExit();
        }
        System.out.printf("threads %d, OMP_WAIT_POLICY=%s, model %s, load %s%n", threads,
                System.getenv("OMP_WAIT_POLICY"), args.length > 0 ? file : "fashion_cnn.onnx fixture", loadAverage());
        try (OnnxClassifier c = (OnnxClassifier) ModelLoader.loadReference(file)) {
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.rand(DataType.FLOAT, c.inputSpec().shape(BATCH));
            int[] y = IntStream.range(0, BATCH).map(i -> i % c.numClasses()).toArray();
            CancellationToken token = CancellationToken.create();
            double[] eps = {0.1};
            var fgsm = new FastGradientSignMethod();
            var pgd = new ProjectedGradientDescent();
            AttackParams fgsmParams = fgsm.defaults();
            AttackParams pgdParams = pgd.defaults().withSteps(20);
            report("forward, SameDiff", measure(blocks, 20, () -> c.graphLogits(x)));
            report("forward, ONNX Runtime", measure(blocks, 50, () -> c.logits(x)));
            report("forward+grad, SameDiff", measure(blocks, 10, () -> c.lossGradient(x, y)));
            report("FGSM (attack.run)", measure(blocks, 8, () -> fgsm.run(c, x, y, eps, fgsmParams, token)));
            report("PGD-20 (attack.run)", measure(blocks, 1, () -> pgd.run(c, x, y, eps, pgdParams, token)));
        }
    }

    /** Per block: {wall seconds, CPU seconds} for one call, averaged over {@code iterations}, after a warm-up. */
    private static List<double[]> measure(int blocks, int iterations, Supplier<?> call) {
        for (int i = 0; i < Math.max(2, iterations / 2); i++) {
            call.get();
        }
        List<double[]> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            long cpu = OS.getProcessCpuTime();
            long t = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                call.get();
            }
            out.add(new double[] {(System.nanoTime() - t) / 1e9 / iterations,
                (OS.getProcessCpuTime() - cpu) / 1e9 / iterations});
        }
        return out;
    }

    private static void report(String what, List<double[]> blocks) {
        double[] rate = blocks.stream().mapToDouble(b -> BATCH / b[0]).sorted().toArray();
        double[] cpu = blocks.stream().mapToDouble(b -> b[1] * 1000 / BATCH).sorted().toArray();
        System.out.printf("  %-24s median %8.0f img/s  (min %6.0f, max %6.0f)  %.3f CPU-ms/img%n", what,
                rate[rate.length / 2], rate[0], rate[rate.length - 1], cpu[cpu.length / 2]);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
