package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.minimization.BoxConstrainedLbfgs;
import org.advlens.attack.minimization.CarliniWagnerL2;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.SaliencyMapAttack;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The heavy bundled-model checks behind docs/benchmarks.md, run with {@code -Dadvlens.slow=true}: on the first
 * {@code advlens.bench.images} (default 100) bundled images, APGD-CE and the AutoAttack-style ensemble leave no more
 * accuracy than PGD-20 at each L-inf budget; C&W L2 and DeepFool fool at least 95 % of the correctly classified
 * images. Prints the accuracies, mean L2 distances and images per second of every attack as Markdown.
 */
@EnabledIfSystemProperty(named = "advlens.slow", matches = "true")
class BundledAttackBenchmarkTest {

    private static final double[] EPS = {0.01, 0.02, 0.03, 0.05, 0.1};

    @Test
    void strongAttacksMatchOrBeatPgdAndMinimisationAttacksSucceed() throws Exception {
        int n = Integer.getInteger("advlens.bench.images", 100);
        try (Classifier model = ModelLoader.bundledDefault()) {
            LabelledDataset data = Datasets.bundledEvaluation().limit(n);
            INDArray x = data.images().toArray();
            int[] labels = data.labels();
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "%n| attack (L-inf) | %s | images/s |%n|---|",
                    String.join(" | ", java.util.Arrays.stream(EPS).mapToObj(e -> "eps " + e).toList())));
            md.append("---|".repeat(EPS.length + 1)).append('\n');
            double[] pgd = null;
            List<String> failures = new ArrayList<>();
            for (String name : List.of("fgsm", "pgd", "apgd-ce", "apgd-dlr", "apgd-t", "square", "autoattack")) {
                FixedEpsilonAttack a = Attacks.byName(name);
                AttackParams p = a.defaults().withSeed(1);
                long t0 = System.nanoTime();
                List<AttackOutcome> out = AttackRunner.run(a, model, x, labels, EPS, p, CancellationToken.create());
                double seconds = (System.nanoTime() - t0) / 1e9;
                double[] acc = out.stream().mapToDouble(AttackOutcome::accuracy).toArray();
                md.append(String.format(Locale.ROOT, "| %s (%d steps%s) | %s | %.1f |%n", name, p.steps(),
                        p.restarts() > 1 ? ", " + p.restarts() + " restarts/targets" : "",
                        String.join(" | ", java.util.Arrays.stream(acc).mapToObj(v -> String.format(Locale.ROOT,
                                "%.3f", v)).toList()), n * EPS.length / seconds));
                if (name.equals("pgd")) {
                    pgd = acc;
                }
                if ((name.equals("apgd-ce") || name.equals("autoattack")) && pgd != null) {
                    for (int k = 0; k < EPS.length; k++) {
                        if (acc[k] > pgd[k]) {
                            failures.add(name + " at eps " + EPS[k] + ": " + acc[k] + " > PGD-20's " + pgd[k]);
                        }
                    }
                }
            }
            md.append(String.format(Locale.ROOT, "%n| minimisation attack | success on correct | mean distance | "
                    + "median | images/s |%n|---|---|---|---|---|%n"));
            List<MinimizationAttack> minimisers = List.of(new CarliniWagnerL2(), new DeepFool(),
                    new SaliencyMapAttack(), new BoxConstrainedLbfgs());
            for (MinimizationAttack a : minimisers) {
                for (Norm norm : a instanceof DeepFool ? Norm.values() : new Norm[] {Norm.L2}) {
                    MinimizationParams p = a.defaults().withNorm(norm);
                    long t0 = System.nanoTime();
                    List<MinimizationOutcome> parts = new ArrayList<>();
                    for (int from = 0; from < n; from += 50) {
                        int to = Math.min(n, from + 50);
                        INDArray sub = BatchRows.select(x, java.util.stream.IntStream.range(from, to).toArray());
                        parts.add(MinimizationRunner.run(a, model, sub, java.util.Arrays.copyOfRange(labels, from, to),
                                p, CancellationToken.create()));
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    int eligible = 0;
                    int success = 0;
                    List<Double> d = new ArrayList<>();
                    for (MinimizationOutcome o : parts) {
                        for (int i = 0; i < o.count(); i++) {
                            eligible += o.eligible()[i] ? 1 : 0;
                            if (o.succeeded(i)) {
                                success++;
                                d.add(o.distance()[i]);
                            }
                        }
                    }
                    double rate = (double) success / eligible;
                    double mean = d.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                    double median = d.stream().sorted().skip(d.size() / 2).findFirst().orElse(Double.NaN);
                    String label = a.name() + " " + a.measure(p).label();
                    md.append(String.format(Locale.ROOT, "| %s | %.3f (%d/%d) | %.4f | %.4f | %.2f |%n", label, rate,
                            success, eligible, mean, median, n / seconds));
                    if ((a instanceof CarliniWagnerL2 || a instanceof DeepFool) && rate < 0.95) {
                        failures.add(label + " succeeded on only " + rate);
                    }
                }
            }
            System.out.println("BENCHMARK on " + n + " images" + md);
            assertTrue(failures.isEmpty(), failures.toString());
        }
    }
}
