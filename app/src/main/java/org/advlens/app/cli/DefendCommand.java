package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.attack.Norm;
import org.advlens.data.LabelledDataset;
import org.advlens.defence.BitDepthReduction;
import org.advlens.defence.Defence;
import org.advlens.defence.DefenceEvaluation;
import org.advlens.defence.DefenceReport;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.defence.FeatureSqueezing;
import org.advlens.defence.MagNet;
import org.advlens.defence.MedianFilter;
import org.advlens.defence.Squeezer;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens defend}: evaluates a defence honestly, against the plain attack and an adaptive one: the defended
 * model's clean accuracy, the detector's threshold at a false-positive rate, its detection rate against PGD on the
 * undefended model and against the adaptive attack, and the defence-as-a-classifier's accuracy under PGD with its
 * true gradient and under BPDA-PGD.
 */
@Command(name = "defend", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Evaluate a defence (feature squeezing, MagNet) against plain and adaptive "
                + "attacks: detection rates at a false-positive rate and robust accuracy under PGD and BPDA-PGD.")
final class DefendCommand implements Callable<Integer> {

    static final List<String> DEFENCES = List.of("feature-squeezing", "magnet");

    @Option(names = "--defence", paramLabel = "NAME", defaultValue = "feature-squeezing",
            description = "the defence: feature-squeezing or magnet (default: feature-squeezing)")
    String defence;

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--norm", paramLabel = "NORM", defaultValue = "linf", description = "linf or l2 (default: linf)")
    String norm;

    @Option(names = "--eps", paramLabel = "EPS", defaultValue = "0.1",
            description = "the attacks' budget in pixel units (default: 0.1)")
    double epsilon;

    @Option(names = "--fpr", paramLabel = "RATE", defaultValue = "0.05",
            description = "the detector's false-positive rate on the clean images (default: 0.05)")
    double fpr;

    @Option(names = "--bits", paramLabel = "B", defaultValue = "3",
            description = "feature squeezing: bit depth of the first squeezer, which the wrapper also uses (default: 3)")
    int bits;

    @Option(names = "--median", paramLabel = "K", defaultValue = "3",
            description = "feature squeezing: side of the median filter, odd; 0 for none (default: 3)")
    int median;

    @Option(names = "--autoencoder", paramLabel = "FILE",
            description = "MagNet: autoencoder zip from advlens train-generator (default: the bundled one)")
    java.nio.file.Path autoencoder;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "40",
            description = "steps of PGD and of the adaptive attack (default: 40)")
    int steps;

    @Option(names = "--restarts", paramLabel = "N", defaultValue = "1", description = "restarts of both (default: 1)")
    int restarts;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the random starts (default: 0)")
    long seed;

    @Option(names = "--json", description = "print the report as JSON instead of text")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DefenceEvaluation.Options options = new DefenceEvaluation.Options(Norm.parse(norm), epsilon, fpr, steps,
                restarts, batch, seed);
        String name = defence.trim().toLowerCase(Locale.ROOT);
        if (!DEFENCES.contains(name)) {
            throw new IllegalArgumentException("unknown defence '" + defence + "': expected one of " + DEFENCES);
        }
        List<Squeezer> squeezers = median == 0 ? List.of(new BitDepthReduction(bits))
                : List.of(new BitDepthReduction(bits), new MedianFilter(median));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, stderr);
            Defence d = name.equals("magnet") ? new MagNet(classifier, autoencoder == null ? Autoencoder.bundled()
                    : Autoencoder.load(autoencoder)) : new FeatureSqueezing(classifier, squeezers);
            stderr.printf(Locale.ROOT, "defend: %s on %s, %s, %d images, %s eps=%s%n", d.description(),
                    classifier.info().name(), set.name(), set.size(), options.norm().label(), epsilon);
            stderr.flush();
            DefenceReport r = Jobs.runNow(new DefenceEvaluation(d, set, options), new StderrProgress(stderr, "defend "));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (json) {
                stdout.println(Json.write(toJson(r, set, seconds)));
            } else {
                printText(stdout, r);
            }
            stdout.flush();
        }
        return 0;
    }

    private static void printText(PrintWriter out, DefenceReport r) {
        out.printf(Locale.ROOT, "%s, %s eps=%s, %d images%n", r.description(), r.options().norm().label(),
                r.options().epsilon(), r.size());
        out.printf(Locale.ROOT, "clean accuracy: undefended %.3f, defended classifier %.3f%n", r.cleanAccuracy(),
                r.defendedCleanAccuracy());
        out.printf(Locale.ROOT, "detector threshold %.4f: %.1f%% of clean images flagged (asked for %.1f%%)%n",
                r.threshold().value(), 100 * r.threshold().falsePositiveRate(),
                100 * r.threshold().requestedFalsePositiveRate());
        for (DefenceReport.Detection d : List.of(r.plain(), r.adaptive())) {
            out.printf(Locale.ROOT, "%-12s fools %.1f%% of %d, detection rate %.1f%%, undetected success %.1f%%%n",
                    d.attack() + (d == r.plain() ? " (plain)" : ""), 100 * d.successRate(), d.eligible(),
                    100 * d.detectionRate(), 100 * d.undetectedSuccessRate());
        }
        out.printf(Locale.ROOT, "defended classifier under PGD: %.3f with its true gradient, %.3f with BPDA%n",
                r.wrapperPgdAccuracy(), r.wrapperBpdaAccuracy());
    }

    private static ObjectNode toJson(DefenceReport r, LabelledDataset set, double seconds) {
        ObjectNode root = Json.object();
        root.set("model", Json.model(r.model()));
        root.set("data", Json.data(set));
        ObjectNode d = root.putObject("defence");
        d.put("name", r.defence());
        d.put("description", r.description());
        ObjectNode o = root.putObject("attack");
        o.put("norm", r.options().norm().label());
        o.put("eps", r.options().epsilon());
        o.put("steps", r.options().steps());
        o.put("restarts", r.options().restarts());
        o.put("seed", r.options().seed());
        root.put("clean_accuracy", r.cleanAccuracy());
        root.put("defended_clean_accuracy", r.defendedCleanAccuracy());
        ObjectNode t = root.putObject("threshold");
        t.put("value", r.threshold().value());
        t.put("requested_fpr", r.threshold().requestedFalsePositiveRate());
        t.put("fpr", r.threshold().falsePositiveRate());
        ObjectNode det = root.putObject("detection");
        det.set("plain", detection(r.plain()));
        det.set("adaptive", detection(r.adaptive()));
        ObjectNode robust = root.putObject("robust_accuracy");
        robust.put("pgd_exact_gradient", r.wrapperPgdAccuracy());
        robust.put("bpda_pgd", r.wrapperBpdaAccuracy());
        root.put("seconds", seconds);
        root.set("provenance", Json.provenance());
        return root;
    }

    private static ObjectNode detection(DefenceReport.Detection d) {
        ObjectNode o = Json.object();
        o.put("attack", d.attack());
        o.put("eligible", d.eligible());
        o.put("success_rate", d.successRate());
        o.put("detection_rate", d.detectionRate());
        o.put("undetected_success_rate", d.undetectedSuccessRate());
        return o;
    }
}
