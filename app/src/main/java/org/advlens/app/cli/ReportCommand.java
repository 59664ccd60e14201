package org.advlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.data.LabelledDataset;
import org.advlens.io.AtomicFiles;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.report.CurveJson;
import org.advlens.report.html.BatteryEstimate;
import org.advlens.report.html.BatteryJson;
import org.advlens.report.html.BatteryPresets;
import org.advlens.report.html.BatterySpec;
import org.advlens.report.html.BrowserPdfPrinter;
import org.advlens.report.html.HtmlReportWriter;
import org.advlens.report.html.ReportSummaryJson;
import org.advlens.report.html.RobustnessBattery;
import org.advlens.report.html.RobustnessReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens report}: runs a battery (a preset or a JSON file) on a model, and optionally on a second model
 * for comparison, and writes a self-contained {@code report.html} with {@code report.json} (its figures),
 * {@code battery.json}, {@code curve.json} and {@code ensemble.json} beside it. The time estimate is printed before the run.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Robustness report: a standard battery of evaluations written as one "
                + "self-contained HTML page (print it to PDF from a browser).")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--compare", paramLabel = "FILE",
            description = "a second model run through the same battery on the same data, shown side by side")
    Path compare;

    @Mixin
    DataOptions data;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "quick",
            description = "quick, standard or thorough (default: quick)")
    String preset;

    @Option(names = "--battery", paramLabel = "JSON",
            description = "a battery file: {\"preset\": \"standard\", \"images\": 500, ...} (overrides --preset)")
    Path battery;

    @Option(names = "--seed", paramLabel = "S", description = "seed of every random choice (default: the battery's)")
    Long seed;

    @Option(names = "--pdf", description = "also write report.pdf, printed by Chromium or Google Chrome if installed")
    boolean pdf;

    @Option(names = "--estimate", description = "print the time estimate and stop")
    boolean estimateOnly;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for report.html and its JSON files")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BatterySpec chosen = battery == null ? BatteryPresets.byName(preset)
                : BatteryJson.read(CliFiles.requireFile(battery, "battery file"));
        if (seed != null) {
            chosen = chosen.withSeed(seed);
        }
        if (compare != null) {
            CliFiles.requireFile(compare, "comparison model");
        }
        if (pdf && BrowserPdfPrinter.findBrowser().isEmpty()) {
            throw new IllegalArgumentException("--pdf needs Chromium or Google Chrome on the PATH (looked for "
                    + BrowserPdfPrinter.BROWSERS + "); leave --pdf out and print report.html from a browser");
        }
        if (out == null && !estimateOnly) {
            throw new IllegalArgumentException("--out is required (the folder for report.html), unless --estimate");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<RobustnessReport> reports = new ArrayList<>();
        try (Classifier first = model.load(); Classifier second = compare == null ? null : ModelLoader.load(compare)) {
            LabelledDataset set = data.load(first, stderr);
            List<Classifier> models = second == null ? List.of(first) : List.of(first, second);
            List<String> sources = new ArrayList<>(List.of(sourceOptions(model.model)));
            if (second != null) {
                sources.add(sourceOptions(compare));
            }
            List<BatteryEstimate> estimates = new ArrayList<>();
            for (Classifier m : models) {
                estimates.add(BatteryEstimate.measure(m, set.images(), chosen, 50));
            }
            double total = estimates.stream().mapToDouble(BatteryEstimate::totalSeconds).sum();
            stdout.printf(Locale.ROOT, "report: battery %s on %s (%d images), %d model%s; estimated %s%n",
                    chosen.name(), set.name(), set.size(), models.size(), models.size() == 1 ? "" : "s",
                    BatteryEstimate.duration(total));
            for (BatteryEstimate.Section s : estimates.get(0).sections()) {
                stdout.printf(Locale.ROOT, "  %-32s %s%n", s.name(), BatteryEstimate.duration(s.seconds()));
            }
            stdout.flush();
            if (estimateOnly) {
                return 0;
            }
            Path dir = CliFiles.outputFolder(out);
            for (int k = 0; k < models.size(); k++) {
                Classifier m = models.get(k);
                stderr.printf(Locale.ROOT, "report: %s%n", m.info().name());
                reports.add(Jobs.runNow(new RobustnessBattery(m, set, chosen, estimates.get(k), sources.get(k)),
                        new StderrProgress(stderr, "report ")));
            }
            String command = "advlens " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            Path html = dir.resolve("report.html");
            HtmlReportWriter.write(reports, command, html);
            AtomicFiles.writeString(dir.resolve("battery.json"), BatteryJson.toJson(chosen));
            AtomicFiles.writeString(dir.resolve("report.json"), ReportSummaryJson.toJson(reports, command));
            CurveJson.write(reports.get(0).curves(), dir.resolve("curve.json"));
            if (reports.get(0).ensemble() != null) {
                CurveJson.write(reports.get(0).ensemble(), dir.resolve("ensemble.json"));
            }
            for (RobustnessReport r : reports) {
                stdout.printf(Locale.ROOT, "%s: clean accuracy %.4f, ensemble accuracy at eps %s %.4f, took %s%n",
                        r.model().name(), r.curves().cleanAccuracy(), r.spec().standardEpsilon(), r.ensembleAccuracy(),
                        BatteryEstimate.duration(r.seconds()));
            }
            stdout.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", html, Files.size(html));
            if (pdf) {
                BrowserPdfPrinter.print(html, dir.resolve("report.pdf"));
                stdout.printf(Locale.ROOT, "wrote %s%n", dir.resolve("report.pdf"));
            }
            stdout.flush();
        }
        return 0;
    }

    /** The options that name a model and this command's data, for the reproducing commands. */
    private String sourceOptions(Path modelFile) {
        List<String> parts = new ArrayList<>();
        if (modelFile != null) {
            parts.add("--model " + modelFile);
        }
        if (data.data != null) {
            parts.add("--data " + data.data);
        }
        if (data.labels != null) {
            parts.add("--labels " + data.labels);
        }
        return String.join(" ", parts);
    }
}
