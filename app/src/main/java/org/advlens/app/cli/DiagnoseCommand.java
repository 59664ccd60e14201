package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.attack.Norm;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.DiagnosticCheck;
import org.advlens.eval.DiagnosticsReport;
import org.advlens.eval.EvaluationDiagnostics;
import org.advlens.io.AtomicFiles;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens diagnose}: "is this robustness evaluation trustworthy?". Runs FGSM, PGD and Square at the
 * budgets, PGD on the whole input box and a stronger PGD, and prints one line per check, {@code PASS} or {@code WARN}, with the
 * numbers behind it; {@code --json} also writes the report.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Check whether a robustness evaluation can be trusted (gradient masking, "
                + "convergence, black-box versus white-box, softmax outputs).")
final class DiagnoseCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--norm", paramLabel = "NORM", defaultValue = "linf", description = "linf or l2 (default: linf)")
    String norm;

    @Option(names = "--eps", paramLabel = "EPS", split = ",", defaultValue = "0.05,0.1,0.2",
            description = "budgets to check at; the whole input box is added (default: 0.05,0.1,0.2)")
    List<Double> epsilons;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "PGD steps (default: 20)")
    int steps;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "500",
            description = "Square's query budget (default: 500)")
    int queries;

    @Option(names = "--strong-factor", paramLabel = "N", defaultValue = "5",
            description = "the stronger PGD takes this many times more steps (default: 5)")
    int strongFactor;

    @Option(names = "--strong-restarts", paramLabel = "N", defaultValue = "2",
            description = "restarts of the stronger PGD (default: 2)")
    int strongRestarts;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed (default: 0)")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EvaluationDiagnostics.Options options = new EvaluationDiagnostics.Options(Norm.parse(norm),
                epsilons.stream().mapToDouble(Double::doubleValue).toArray(), steps, queries, strongFactor,
                strongRestarts, batch, seed);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, stderr);
            stderr.printf(Locale.ROOT, "diagnose: %s on %s, %d images, %s%n", classifier.info().name(), set.name(),
                    set.size(), options.norm().label());
            stderr.flush();
            DiagnosticsReport r = Jobs.runNow(new EvaluationDiagnostics(classifier, set, options),
                    new StderrProgress(stderr, "diagnose "));
            for (AttackCurve c : r.curve().curves()) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-7s", c.attack()));
                for (CurvePoint p : c.points()) {
                    b.append(String.format(Locale.ROOT, " eps=%.4g:%.3f", p.epsilon(), p.accuracy()));
                }
                stdout.println(b);
            }
            for (DiagnosticCheck c : r.checks()) {
                stdout.printf(Locale.ROOT, "%-4s %s: %s%n", c.status(), c.title(), c.message());
            }
            stdout.println(r.trustworthy() ? "all " + r.checks().size() + " checks pass"
                    : r.warnings().size() + " of " + r.checks().size() + " checks warn: review them before trusting "
                    + "the evaluation");
            if (json != null) {
                AtomicFiles.writeString(json, Json.write(toJson(r)));
                stdout.println("wrote " + json);
            }
            stdout.flush();
        }
        return 0;
    }

    private static ObjectNode toJson(DiagnosticsReport r) {
        ObjectNode root = Json.object();
        root.set("model", Json.model(r.model()));
        ObjectNode d = root.putObject("data");
        d.put("name", r.dataName());
        d.put("size", r.size());
        root.put("norm", r.norm().label());
        root.put("trustworthy", r.trustworthy());
        ArrayNode checks = root.putArray("checks");
        for (DiagnosticCheck c : r.checks()) {
            ObjectNode o = checks.addObject();
            o.put("id", c.id());
            o.put("status", c.status().name());
            o.put("title", c.title());
            o.put("message", c.message());
        }
        ArrayNode curves = root.putArray("curves");
        for (AttackCurve c : r.curve().curves()) {
            ObjectNode o = curves.addObject();
            o.put("attack", c.attack());
            o.put("steps", c.params().steps());
            ArrayNode pts = o.putArray("points");
            for (CurvePoint p : c.points()) {
                ObjectNode q = pts.addObject();
                q.put("eps", p.epsilon());
                q.put("accuracy", p.accuracy());
            }
        }
        root.set("provenance", Json.provenance(r.created()));
        return root;
    }
}
