package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.attack.minimization.MinimumEpsilonSearch;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.DistanceHistogram;
import org.advlens.eval.ImpliedCurve;
import org.advlens.eval.MinimalPerturbation;
import org.advlens.eval.MinimumNormEvaluation;
import org.advlens.eval.MinimumNormResult;
import org.advlens.io.AtomicFiles;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.report.AttackJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens minnorm}: a minimum-norm attack (C&W, DeepFool, JSMA, or a bisection on epsilon over any
 * fixed-epsilon attack) over a data set. Prints the success rate and the mean and median distance; writes
 * {@code minnorm.json} (parameters, per-sample distances, the implied robust-accuracy curve, the histogram and
 * provenance), {@code minnorm.csv} (one row per image) and {@code implied-curve.csv}.
 */
@Command(name = "minnorm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Minimum-norm attack over a data set: per-image smallest adversarial "
                + "perturbation and the robust-accuracy curve it implies.")
final class MinNormCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--attack", paramLabel = "NAME", defaultValue = "deepfool",
            description = "cw, deepfool, jsma, jsma-decrease, lbfgs, boundary, or min-NAME for a bisection on "
                    + "epsilon over a fixed-epsilon attack, e.g. min-pgd (default: deepfool)")
    String attack;

    @Option(names = "--norm", paramLabel = "NORM", description = "l2 or linf (default: the attack's own)")
    String norm;

    @Option(names = "--steps", paramLabel = "N",
            description = "cw: Adam steps per constant; deepfool, lbfgs: iterations; boundary: queries; "
                    + "min-NAME: the wrapped attack's steps (default: the attack's own)")
    Integer steps;

    @Mixin
    MinimizationOptions minimization;

    @Option(names = "--target", paramLabel = "CLASS", description = "target class (index or name)")
    String target;

    @Option(names = "--seed", paramLabel = "S", description = "seed of every random choice (default: 0)")
    Long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "50", description = "images per batch (default: 50)")
    int batch;

    @Option(names = "--eps", paramLabel = "EPS", split = ",",
            description = "budgets of the implied curve (default: 21 even budgets up to the largest distance)")
    List<Double> epsilons;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "20", description = "histogram bins (default: 20)")
    int bins;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "folder for minnorm.json, minnorm.csv and implied-curve.csv")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MinimizationAttack chosen = chosenAttack();
        MinimumNormEvaluation.Options evalOptions = new MinimumNormEvaluation.Options(batch, 21,
                epsilons == null ? new double[0] : epsilons.stream().mapToDouble(Double::doubleValue).toArray(), bins);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            MinimizationParams params = params(chosen, classifier.classNames());
            LabelledDataset set = data.load(classifier, stderr);
            Path dir = CliFiles.outputFolder(out);
            stderr.printf(Locale.ROOT, "minnorm: %s on %s, %d images, %s%n", chosen.name(), set.name(), set.size(),
                    chosen.measure(params).label());
            stderr.flush();
            MinimumNormResult r = Jobs.runNow(new MinimumNormEvaluation(classifier, set, chosen, params, evalOptions),
                    new StderrProgress(stderr, "minnorm "));
            AtomicFiles.writeString(dir.resolve("minnorm.json"), Json.write(toJson(r)));
            writeSamples(r, dir.resolve("minnorm.csv"));
            writeCurve(r.curve(), dir.resolve("implied-curve.csv"));
            stdout.printf(Locale.ROOT, "%s %s: success %.4f of eligible, mean %s %.4f, median %.4f; clean accuracy "
                            + "%.4f on %d images, %.2f images/s%n", r.attack(), r.measure().label(), r.successRate(),
                    r.measure().label(), r.meanDistance(), r.medianDistance(), r.cleanAccuracy(), r.samples().size(),
                    r.imagesPerSecond());
            stdout.printf(Locale.ROOT, "wrote %s, %s, %s%n", dir.resolve("minnorm.json"), dir.resolve("minnorm.csv"),
                    dir.resolve("implied-curve.csv"));
            stdout.flush();
        }
        return 0;
    }

    private MinimizationAttack chosenAttack() {
        return minimization.attack(attack, steps);
    }

    private MinimizationParams params(MinimizationAttack a, List<String> classNames) {
        MinimizationParams p = a.defaults();
        if (norm != null) {
            p = p.withNorm(Norm.parse(norm));
        }
        if (target != null) {
            p = p.withTarget(ClassNames.resolve(target, classNames, "--target"));
        }
        if (seed != null) {
            p = p.withSeed(seed);
        }
        return p;
    }

    private ObjectNode toJson(MinimumNormResult r) {
        ObjectNode root = Json.object();
        root.put("command", "advlens " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        root.set("model", Json.model(r.model()));
        ObjectNode d = root.putObject("data");
        d.put("name", r.dataName());
        d.put("source", r.dataSource());
        d.put("size", r.samples().size());
        ObjectNode a = root.putObject("attack");
        a.put("name", r.attack());
        a.put("measure", r.measure().label());
        MinimizationParams p = r.params();
        ObjectNode params = a.putObject("params");
        params.put("norm", p.norm().label());
        params.setAll(AttackJson.options(r.attackOptions()));
        params.put("target", p.targetClass());
        params.put("seed", p.seed());
        ObjectNode s = root.putObject("summary");
        s.put("clean_accuracy", r.cleanAccuracy());
        s.put("success_rate", r.successRate());
        putNumber(s, "mean_distance", r.meanDistance());
        putNumber(s, "median_distance", r.medianDistance());
        s.put("seconds", r.seconds());
        s.put("images_per_second", r.imagesPerSecond());
        ObjectNode c = root.putObject("implied_curve");
        ArrayNode eps = c.putArray("epsilons");
        ArrayNode acc = c.putArray("accuracy");
        for (int k = 0; k < r.curve().epsilons().length; k++) {
            eps.add(r.curve().epsilons()[k]);
            acc.add(r.curve().accuracy()[k]);
        }
        DistanceHistogram h = r.histogram();
        ObjectNode hist = root.putObject("histogram");
        ArrayNode edges = hist.putArray("edges");
        for (double e : h.edges()) {
            edges.add(e);
        }
        ArrayNode counts = hist.putArray("counts");
        for (int n : h.counts()) {
            counts.add(n);
        }
        hist.put("already_wrong", h.alreadyWrong());
        hist.put("not_found", h.notFound());
        ArrayNode samples = root.putArray("samples");
        for (MinimalPerturbation m : r.samples()) {
            ObjectNode o = samples.addObject();
            o.put("index", m.index());
            o.put("label", m.label());
            o.put("clean_prediction", m.cleanPrediction());
            o.put("adversarial_prediction", m.adversarialPrediction());
            o.put("eligible", m.eligible());
            o.put("success", m.success());
            putNumber(o, "distance", m.distance());
            putNumber(o, "estimated_distance", m.estimatedDistance());
            o.put("l0", m.l0());
            o.put("l2", m.l2());
            o.put("linf", m.linf());
            o.put("fraction_changed", m.fractionChanged());
        }
        root.set("provenance", Json.provenance(r.created()));
        return root;
    }

    /** Infinity (not found) and NaN (no estimate) are written as JSON null. */
    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void writeSamples(MinimumNormResult r, Path file) throws IOException {
        StringBuilder b = new StringBuilder("index,label,clean_prediction,adversarial_prediction,eligible,success,"
                + "distance,estimated_distance,l0,l2,linf,fraction_changed\n");
        for (MinimalPerturbation m : r.samples()) {
            b.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%b,%b,%s,%s,%.0f,%.6g,%.6g,%.6g%n", m.index(), m.label(),
                    m.cleanPrediction(), m.adversarialPrediction(), m.eligible(), m.success(), csv(m.distance()),
                    csv(m.estimatedDistance()), m.l0(), m.l2(), m.linf(), m.fractionChanged()));
        }
        AtomicFiles.writeString(file, b.toString());
    }

    private static void writeCurve(ImpliedCurve c, Path file) throws IOException {
        StringBuilder b = new StringBuilder("epsilon,implied_accuracy\n");
        for (int k = 0; k < c.epsilons().length; k++) {
            b.append(String.format(Locale.ROOT, "%.6g,%.6g%n", c.epsilons()[k], c.accuracy()[k]));
        }
        AtomicFiles.writeString(file, b.toString());
    }

    private static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : Double.isNaN(v) ? "" : "inf";
    }
}
