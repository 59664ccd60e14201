package org.advlens.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.MaskingFlag;
import org.advlens.job.Jobs;
import org.advlens.report.CurveCsv;
import org.advlens.report.CurveJson;
import org.advlens.spark.SparkCurve;
import org.advlens.spark.TaskFault;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens spark curve}: the robustness curve of {@code advlens curve}, computed on Spark; writes the same
 * {@code curve.json} (with the cluster, the partitions and the seeds in its provenance) and {@code curve.csv}.
 */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Robustness curve on Spark: accuracy versus epsilon for one or more attacks.")
final class SparkCurveCommand implements Callable<Integer> {

    @Mixin
    SparkOptions where;

    @Option(names = "--attack", paramLabel = "NAME", split = ",", defaultValue = "fgsm,pgd",
            description = "attack names, comma-separated: any registered fixed-epsilon attack (default: fgsm,pgd)")
    List<String> attacks;

    @Option(names = "--eps", paramLabel = "EPS", split = ",", defaultValue = "0,0.05,0.1,0.2,0.3",
            description = "budgets, comma-separated; 0 is always added (default: 0,0.05,0.1,0.2,0.3)")
    List<Double> epsilons;

    @Option(names = "--norm", paramLabel = "NORM", description = "linf or l2 (default: linf)")
    String norm;

    @Option(names = "--steps", paramLabel = "N", description = "steps (queries for Square) (default: the attack's)")
    Integer steps;

    @Option(names = "--step-size", paramLabel = "R", description = "step size relative to eps (default: the attack's)")
    Double stepSize;

    @Option(names = "--restarts", paramLabel = "N", description = "random restarts (default: 1)")
    Integer restarts;

    @Option(names = "--target", paramLabel = "CLASS", description = "targeted attack towards this class index")
    Integer target;

    @Option(names = "--seed", paramLabel = "S", description = "run seed of every random choice (default: 0)")
    Long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for curve.json and curve.csv")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CurveSpec curveSpec = curveSpec();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Files.createDirectories(out);
        try (JavaSparkContext spark = new JavaSparkContext(where.conf())) {
            spark.setLogLevel("WARN");
            int partitions = where.partitions(spark.defaultParallelism());
            stderr.printf(Locale.ROOT, "spark curve: master %s, %d partitions, attacks %s, eps %s%n",
                    spark.master(), partitions, curveSpec.attacks().stream().map(CurveSpec.Entry::attack).toList(),
                    java.util.Arrays.toString(curveSpec.epsilons()));
            SparkCurve job = new SparkCurve(spark, where.modelSource(), where.dataSource(), curveSpec, partitions,
                    TaskFault.NONE);
            SparkCurve.Output result = Jobs.runNow(job, new SparkProgress(stderr, "spark curve "));
            for (MaskingFlag f : result.result().flags()) {
                stderr.println("advlens spark: warning: " + f.message());
            }
            result.result().curves().forEach(c -> c.points().forEach(p -> print(stdout, p)));
            CurveJson.write(result.result(), result.execution(), out.resolve("curve.json"));
            CurveCsv.write(result.result(), out.resolve("curve.csv"));
            stdout.printf(Locale.ROOT, "clean accuracy %.4f on %d images; wrote %s, %s%n",
                    result.result().cleanAccuracy(), result.result().size(), out.resolve("curve.json"),
                    out.resolve("curve.csv"));
            stdout.flush();
        }
        return 0;
    }

    private static void print(PrintWriter stdout, CurvePoint p) {
        stdout.printf(Locale.ROOT, "%-6s eps=%-6s accuracy=%.4f success_rate=%.4f mean_l2=%.4f mean_linf=%.4f%n",
                p.attack(), p.epsilon(), p.accuracy(), p.successRate(), p.meanL2(), p.meanLinf());
    }

    CurveSpec curveSpec() {
        Set<String> names = new LinkedHashSet<>();
        for (String a : attacks) {
            if (!a.isBlank()) {
                names.add(Attacks.byName(a.trim()).name());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--attack needs at least one of " + Attacks.names());
        }
        List<CurveSpec.Entry> entries = new ArrayList<>();
        for (String name : names) {
            entries.add(new CurveSpec.Entry(name, params(Attacks.byName(name))));
        }
        return new CurveSpec(entries, epsilons.stream().mapToDouble(Double::doubleValue).toArray(), batch);
    }

    private AttackParams params(FixedEpsilonAttack attack) {
        AttackParams p = attack.defaults();
        if (norm != null) {
            p = p.withNorm(Norm.parse(norm));
        }
        if (steps != null) {
            p = p.withSteps(steps);
        }
        if (stepSize != null) {
            p = p.withRelativeStepSize(stepSize);
        }
        if (restarts != null) {
            p = p.withRestarts(restarts);
        }
        if (target != null) {
            p = p.withTarget(target);
        }
        if (seed != null) {
            p = p.withSeed(seed);
        }
        return p;
    }
}
