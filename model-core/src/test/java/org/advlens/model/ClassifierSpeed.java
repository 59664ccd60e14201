package org.advlens.model;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.advlens.attack.AttackParams;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.job.CancellationToken;
import org.advlens.model.compiled.CompiledSequentialClassifier;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.train.FashionMnistTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A JMH-free timing harness (a main, not a test) for the bundled CNN architecture: throughput of forward,
 * forward + input gradient, FGSM and PGD-20 at batch 100, and single-image FGSM latency, for
 * {@link Dl4jClassifier} and {@link CompiledSequentialClassifier}. Reports the median over repeated blocks in
 * images per second, and process CPU milliseconds per image (steadier than wall time on a shared machine).
 *
 * <p>Arguments: {@code [which=both|dl4j|compiled] [threads=2] [blocks=5] [model.zip]}; without a model file,
 * random weights. Run with {@code OMP_WAIT_POLICY=PASSIVE}.
 */
public final class ClassifierSpeed {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int BATCH = 100;

    private ClassifierSpeed() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path file = args.length > 3 ? Path.of(args[3]) : null;
        Nd4j.getEnvironment().setMaxThreads(threads);
        MultiLayerNetwork net = file != null && Files.exists(file)
                ? ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false)
                : FashionMnistTrainer.buildNetwork(1, 1e-3);
        InputSpec spec = InputSpec.grey(28, 28);
        ModelInfo info = new ModelInfo("speed", String.valueOf(file), "", ModelFormat.DL4J_MULTILAYER, spec,
                IntStream.range(0, 10).mapToObj(k -> "c" + k).toList(), net.numParams(), List.of(), true);
        System.out.printf("threads %d, OMP_WAIT_POLICY=%s, weights %s, load %s%n", threads,
                System.getenv("OMP_WAIT_POLICY"), file == null ? "random" : file, loadAverage());
        if (!which.equals("compiled")) {
            run("Dl4jClassifier", Dl4jClassifier.of(net, info), blocks);
        }
        if (!which.equals("dl4j")) {
            run("CompiledSequential", CompiledSequentialClassifier.compile(net, info).orElseThrow(), blocks);
        }
    }

    private static void run(String name, Classifier model, int blocks) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, model.inputSpec().shape(BATCH));
        int[] y = IntStream.range(0, BATCH).map(i -> i % 10).toArray();
        INDArray x1 = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
        int[] y1 = {y[0]};
        CancellationToken token = CancellationToken.create();
        double[] eps = {0.1};
        var fgsm = new FastGradientSignMethod();
        var pgd = new ProjectedGradientDescent();
        AttackParams fgsmParams = fgsm.defaults();
        AttackParams pgdParams = pgd.defaults().withSteps(20);
        System.out.println(name);
        report("forward", measure(blocks, 20, () -> model.logits(x)), BATCH);
        report("forward+grad", measure(blocks, 10, () -> model.lossGradient(x, y)), BATCH);
        report("FGSM (attack.run)", measure(blocks, 8, () -> fgsm.run(model, x, y, eps, fgsmParams, token)), BATCH);
        report("PGD-20 (attack.run)", measure(blocks, 1, () -> pgd.run(model, x, y, eps, pgdParams, token)), BATCH);
        latency("single-image FGSM", () -> fgsm.run(model, x1, y1, eps, fgsmParams, token), 200);
    }

    /** Per block: {wall seconds, CPU seconds} for {@code iterations} calls, after one warm-up block. */
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
            out.add(new double[] {(System.nanoTime() - t) / 1e9 / iterations, (OS.getProcessCpuTime() - cpu) / 1e9
                    / iterations});
        }
        return out;
    }

    private static void report(String what, List<double[]> blocks, int images) {
        double[] rate = blocks.stream().mapToDouble(b -> images / b[0]).sorted().toArray();
        double[] cpu = blocks.stream().mapToDouble(b -> b[1] * 1000 / images).sorted().toArray();
        System.out.printf("  %-22s median %8.0f img/s  (min %6.0f, max %6.0f)  %.3f CPU-ms/img%n", what,
                rate[rate.length / 2], rate[0], rate[rate.length - 1], cpu[cpu.length / 2]);
    }

    private static void latency(String what, Supplier<?> call, int n) {
        for (int i = 0; i < 20; i++) {
            call.get();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("  %-22s median %.2f ms, p90 %.2f ms%n", what, ms[n / 2], ms[n * 9 / 10]);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
