package org.advlens.report.html;

import static org.advlens.report.html.Html.escape;
import static org.advlens.report.html.Html.number;
import static org.advlens.report.html.Html.percent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.io.AtomicFiles;
import org.advlens.provenance.Provenance;

/**
 * Writes one or two {@link RobustnessReport}s as a single self-contained HTML page: styles inline, charts as inline
 * SVG, pictures as {@code data:} URIs, no script and no network resource, with print styles so that the browser's
 * "print to PDF" gives a paginated document. With two reports (a model and a comparison model) a side-by-side
 * summary comes first and each model's sections follow.
 */
public final class HtmlReportWriter {

    private HtmlReportWriter() {
    }

    /** Writes the page to {@code file}, creating its folder. */
    public static void write(List<RobustnessReport> reports, String commandLine, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, toHtml(reports, commandLine));
    }

    /**
     * The page.
     *
     * @param reports one report, or a model's and a comparison model's on the same data and battery
     * @param commandLine the command that produced the page, shown under provenance
     */
    public static String toHtml(List<RobustnessReport> reports, String commandLine) {
        if (reports == null || reports.isEmpty() || reports.size() > 2) {
            throw new IllegalArgumentException("a report page shows one or two models, got "
                    + (reports == null ? 0 : reports.size()));
        }
        RobustnessReport first = reports.get(0);
        String title = "Robustness report: " + first.model().name()
                + (reports.size() > 1 ? " vs " + reports.get(1).model().name() : "");
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n")
                .append("</head>\n<body>\n<header>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"sub\">")
                .append(escape(first.dataName())).append(" &middot; battery <b>").append(escape(first.spec().name()))
                .append("</b> &middot; seed ").append(first.spec().seed()).append(" &middot; ")
                .append(escape(first.provenance().created().toString())).append(" &middot; AdvLens ")
                .append(escape(first.provenance().advlensVersion())).append("</p>\n</header>\n");
        b.append(summary(reports));
        for (RobustnessReport r : reports) {
            b.append(modelSections(r, reports.size() > 1));
        }
        b.append(provenance(reports, commandLine));
        return b.append("</body>\n</html>\n").toString();
    }

    /** The headline figures, one column per model. */
    static String summary(List<RobustnessReport> reports) {
        List<String> header = new ArrayList<>(List.of(""));
        reports.forEach(r -> header.add(escape(r.model().name())));
        List<List<String>> rows = new ArrayList<>();
        RobustnessReport first = reports.get(0);
        rows.add(row(reports, "clean accuracy", r -> percent(r.curves().cleanAccuracy())));
        if (first.ensemble() != null) {
            rows.add(row(reports, "AutoAttack-style robust accuracy at &epsilon; = "
                    + number(first.spec().standardEpsilon()), r -> "<b>" + percent(r.ensembleAccuracy()) + "</b>"));
        }
        for (int k = 0; k < first.curves().curves().size(); k++) {
            int attack = k;
            String name = first.curves().curves().get(k).attack();
            rows.add(row(reports, escape(name) + " accuracy at &epsilon; = " + number(first.spec().standardEpsilon()),
                    r -> percent(accuracyAt(r, attack, r.spec().standardEpsilon()))));
        }
        if (first.minNorm() != null) {
            rows.add(row(reports, "median " + escape(first.minNorm().measure().label()) + " distance ("
                    + escape(first.minNorm().attack()) + ")", r -> number(r.minNorm().medianDistance())));
        }
        rows.add(row(reports, "gradient-masking flags", r -> r.curves().flags().isEmpty() ? "none"
                : "<span class=\"bad\">" + r.curves().flags().size() + "</span>"));
        if (first.calibration() != null) {
            rows.add(row(reports, "ECE (T = 1 / scaled)", r -> number(r.calibration().before().ece()) + " / "
                    + number(r.calibration().after().ece())));
        }
        if (first.corruptions() != null) {
            rows.add(row(reports, "mean error under corruption", r -> percent(r.corruptions().meanError())));
        }
        if (first.ood() != null) {
            rows.add(row(reports, "mean AUROC (OOD)", r -> number(r.ood().entries().stream()
                    .mapToDouble(e -> e.metrics().auroc()).average().orElse(Double.NaN))));
        }
        if (first.certification() != null) {
            rows.add(row(reports, "certified accuracy at L2 radius 0.5", r -> percent(r.certification()
                    .certifiedAccuracy(0.5))));
        }
        rows.add(row(reports, "time", r -> BatteryEstimate.duration(r.seconds()) + " (estimated "
                + BatteryEstimate.duration(r.timings().stream().mapToDouble(SectionTime::estimatedSeconds).sum())
                + ")"));
        String chart = reports.size() < 2 ? "" : "<figure>" + comparisonChart(reports)
                + "<figcaption>Accuracy versus &epsilon;, both models</figcaption></figure>\n";
        return "<section id=\"summary\">\n<h2>Summary</h2>\n" + Html.table(header, rows) + chart + "</section>\n";
    }

    /** Every model's curves in one chart, named by model and attack. */
    private static String comparisonChart(List<RobustnessReport> reports) {
        List<SvgCharts.Series> series = new ArrayList<>();
        for (RobustnessReport r : reports) {
            String model = r.model().name().length() > 40 ? r.model().name().substring(0, 39) + "…" : r.model().name();
            for (var c : r.curves().curves()) {
                series.add(new SvgCharts.Series(model + ": " + c.attack(),
                        c.points().stream().mapToDouble(p -> p.epsilon()).toArray(),
                        c.points().stream().mapToDouble(p -> p.accuracy()).toArray(), false));
            }
        }
        return SvgCharts.lineChart(series, "epsilon", "accuracy", 1, ReportSections.CHART_WIDTH,
                ReportSections.CHART_HEIGHT);
    }

    private static double accuracyAt(RobustnessReport r, int attack, double eps) {
        if (attack >= r.curves().curves().size()) {
            return Double.NaN;
        }
        return r.curves().curves().get(attack).points().stream().filter(p -> Math.abs(p.epsilon() - eps) < 1e-12)
                .mapToDouble(p -> p.accuracy()).findFirst().orElse(Double.NaN);
    }

    private static List<String> row(List<RobustnessReport> reports, String label,
                                    Function<RobustnessReport, String> cell) {
        List<String> row = new ArrayList<>(List.of(label));
        for (RobustnessReport r : reports) {
            String v;
            try {
                v = cell.apply(r);
            } catch (NullPointerException e) {
                v = "&ndash;";
            }
            row.add(v);
        }
        return row;
    }

    private static String modelSections(RobustnessReport r, boolean named) {
        String suffix = named ? ": " + escape(r.model().name()) : "";
        StringBuilder b = new StringBuilder();
        b.append(section("Model card" + suffix, ReportSections.modelCard(r.model(), r)));
        b.append(section("Clean accuracy and robustness curves" + suffix, ReportSections.curves(r.curves(),
                r.minNorm())));
        if (r.ensemble() != null) {
            b.append(section("AutoAttack-style ensemble" + suffix, ReportSections.ensemble(r.ensemble())));
        }
        if (r.minNorm() != null) {
            b.append(section("Minimum-norm distances" + suffix, ReportSections.minNorm(r.minNorm())));
        }
        if (r.certification() != null) {
            b.append(section("Certification" + suffix, ReportSections.certification(r.certification())));
        }
        CorruptionEvaluation.Result c = r.corruptions();
        if (c != null) {
            b.append(section("Common corruptions" + suffix, ReportSections.corruptions(c)));
        }
        if (r.ood() != null) {
            b.append(section("Out-of-distribution detection" + suffix, ReportSections.ood(r.ood())));
        }
        if (r.calibration() != null) {
            b.append(section("Calibration" + suffix, ReportSections.calibration(r.calibration())));
        }
        if (!r.examples().isEmpty()) {
            b.append(section("Adversarial examples and saliency" + suffix,
                    ReportSections.pictures(r.examples(), r.model().classNames(), r.spec())));
        }
        return b.toString();
    }

    private static String section(String title, String body) {
        return "<section>\n<h2>" + title + "</h2>\n" + body + "</section>\n";
    }

    private static String provenance(List<RobustnessReport> reports, String commandLine) {
        RobustnessReport first = reports.get(0);
        StringBuilder b = new StringBuilder("<section id=\"provenance\">\n<h2>Provenance and reproduction</h2>\n");
        b.append("<p>This report:</p>\n<pre>").append(escape(commandLine)).append("</pre>\n");
        for (RobustnessReport r : reports) {
            b.append("<p>Each section alone, for ").append(escape(r.model().name()))
                    .append(" (same seed, same numbers):</p>\n<pre>");
            for (List<String> c : r.commands()) {
                b.append(escape(c.get(1))).append('\n');
            }
            b.append("</pre>\n");
            List<List<String>> rows = new ArrayList<>();
            for (SectionTime t : r.timings()) {
                rows.add(List.of(escape(t.section()), BatteryEstimate.duration(t.estimatedSeconds()),
                        Double.isFinite(t.seconds()) ? BatteryEstimate.duration(t.seconds()) : "&ndash;"));
            }
            b.append(Html.table(List.of("section", "estimated", "took"), rows));
        }
        b.append(Html.table(List.of("", ""), List.of(
                List.of("AdvLens", escape(first.provenance().advlensVersion())),
                List.of("created", escape(first.provenance().created().toString())),
                List.of("Java", escape(first.provenance().java())),
                List.of("operating system", escape(first.provenance().os())))));
        b.append("<p>The battery:</p>\n<pre>").append(escape(BatteryJson.toJson(first.spec())))
                .append("</pre>\n");
        return b.append("</section>\n").toString();
    }
}
