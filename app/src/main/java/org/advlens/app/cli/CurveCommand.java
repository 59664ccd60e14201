package org.advlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.advlens.app.common.charts.CurveChartFactory;
import org.advlens.app.usecase.MeasureRobustnessCurve;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.MaskingFlag;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.report.CurveCsv;
import org.advlens.report.CurveJson;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens curve}: accuracy versus epsilon for one or more attacks over a data set. Prints each point as
 * it completes, progress on standard error and gradient-masking flags as warnings; writes {@code curve.json},
 * {@code curve.csv} and {@code curve.png}.
 */
@Command(name = "curve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Robustness curve: accuracy versus epsilon for one or more attacks.")
final class CurveCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--attack", paramLabel = "NAME", split = ",", defaultValue = "fgsm,pgd",
            completionCandidates = AttackNames.class,
            description = "attack names, comma-separated or repeated: ${COMPLETION-CANDIDATES} (default: fgsm,pgd)")
    List<String> attacks;

    @Option(names = "--eps", paramLabel = "EPS", split = ",", defaultValue = "0,0.05,0.1,0.2,0.3",
            description = "budgets, comma-separated; 0 is always added (default: 0,0.05,0.1,0.2,0.3)")
    List<Double> epsilons;

    @Mixin
    AttackOptions options;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "folder for curve.json, curve.csv and curve.png")
    Path out;

    @Option(names = "--svg", description = "also write curve.svg")
    boolean svg;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<FixedEpsilonAttack> chosen = chosenAttacks();
        options.validate();
        double[] eps = epsilons.stream().mapToDouble(Double::doubleValue).toArray();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            List<CurveSpec.Entry> entries = new ArrayList<>();
            for (FixedEpsilonAttack a : chosen) {
                entries.add(new CurveSpec.Entry(a.name(), options.params(a, classifier.classNames())));
            }
            CurveSpec curveSpec = new CurveSpec(entries, eps, batch);
            LabelledDataset set = data.load(classifier, stderr);
            Path dir = CliFiles.outputFolder(out);
            stderr.printf(Locale.ROOT, "curve: %s on %s, %d images, attacks %s, eps %s%n", classifier.info().name(),
                    set.name(), set.size(), chosen.stream().map(FixedEpsilonAttack::name).toList(),
                    java.util.Arrays.toString(curveSpec.epsilons()));
            stderr.flush();
            MeasureRobustnessCurve job = new MeasureRobustnessCurve(
                    new MeasureRobustnessCurve.Request(classifier, set, curveSpec), p -> {
                synchronized (stdout) {
                    stdout.printf(Locale.ROOT, "%-6s eps=%-6s accuracy=%.4f success_rate=%.4f mean_l2=%.4f "
                                    + "mean_linf=%.4f%n", p.attack(), p.epsilon(), p.accuracy(), p.successRate(),
                            p.meanL2(), p.meanLinf());
                    stdout.flush();
                }
            });
            CurveResult result = Jobs.runNow(job, new StderrProgress(stderr, "curve "));
            for (MaskingFlag f : result.flags()) {
                stderr.println("advlens: warning: " + f.message());
            }
            CurveJson.write(result, dir.resolve("curve.json"));
            CurveCsv.write(result, dir.resolve("curve.csv"));
            JFreeChart chart = CurveChartFactory.create(result);
            CurveChartFactory.writePng(chart, dir.resolve("curve.png"), CurveChartFactory.DEFAULT_WIDTH,
                    CurveChartFactory.DEFAULT_HEIGHT);
            if (svg) {
                CurveChartFactory.writeSvg(chart, dir.resolve("curve.svg"), CurveChartFactory.DEFAULT_WIDTH,
                        CurveChartFactory.DEFAULT_HEIGHT);
            }
            stderr.flush();
            stdout.printf(Locale.ROOT, "clean accuracy %.4f on %d images; wrote %s, %s, %s%s%n", result.cleanAccuracy(),
                    result.size(), dir.resolve("curve.json"), dir.resolve("curve.csv"), dir.resolve("curve.png"),
                    svg ? ", " + dir.resolve("curve.svg") : "");
            stdout.flush();
        }
        return 0;
    }

    private List<FixedEpsilonAttack> chosenAttacks() {
        Set<String> names = new LinkedHashSet<>();
        for (String a : attacks) {
            if (!a.isBlank()) {
                names.add(Attacks.byName(a).name());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--attack needs at least one of " + Attacks.names());
        }
        return options.attacks(List.copyOf(names));
    }
}
