package org.advlens.report.html;

import static org.advlens.report.html.Html.escape;
import static org.advlens.report.html.Html.number;
import static org.advlens.report.html.Html.percent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.Certification;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.MaskingFlag;
import org.advlens.eval.MinimumNormResult;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.eval.calibration.CalibrationReport;
import org.advlens.eval.calibration.ReliabilityBin;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.model.ModelInfo;

/** The HTML of each section of a report, one method per section. */
final class ReportSections {

    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 320;
    /** Certified radii reported, as {@code advlens certify}'s defaults. */
    static final double[] RADII = {0, 0.25, 0.5, 0.75, 1};

    private ReportSections() {
    }

    static String modelCard(ModelInfo m, RobustnessReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Name", escape(m.name())));
        rows.add(List.of("File", "<code>" + escape(m.source()) + "</code>"));
        rows.add(List.of("SHA-256", "<code class=\"hash\">" + escape(m.sha256()) + "</code>"));
        rows.add(List.of("Format", escape(m.format().displayName())));
        rows.add(List.of("Input", escape(m.input().toString())));
        rows.add(List.of("Classes", m.classNames().size() + ": " + escape(String.join(", ", m.classNames()))));
        rows.add(List.of("Parameters", String.format(java.util.Locale.ROOT, "%,d", m.parameterCount())));
        rows.add(List.of("Layers", m.layers().size() + (m.layers().isEmpty() ? ""
                : ": " + escape(String.join(", ", m.layers().subList(0, Math.min(12, m.layers().size()))))
                + (m.layers().size() > 12 ? ", &hellip;" : ""))));
        rows.add(List.of("Output", m.softmaxOutput() ? "softmax probabilities (losses are taken on their logits)"
                : "logits"));
        rows.add(List.of("Data", escape(r.dataName()) + " (" + r.dataSize() + " images; " + escape(r.dataSource())
                + ")"));
        return "<table class=\"card\">\n<tbody>\n" + rows.stream().map(row -> "<tr><th>" + row.get(0) + "</th><td>"
                + row.get(1) + "</td></tr>").reduce("", (a, b) -> a + b + "\n") + "</tbody>\n</table>\n";
    }

    static String curves(CurveResult c, MinimumNormResult minNorm) {
        StringBuilder b = new StringBuilder();
        b.append("<p>Clean accuracy <b>").append(percent(c.cleanAccuracy())).append("</b> on ").append(c.size())
                .append(" images. Accuracy under each attack as the budget &epsilon; grows (")
                .append(escape(c.curves().get(0).params().norm().label())).append(" norm, pixel units)");
        boolean implied = minNorm != null
                && minNorm.measure().label().equals(c.curves().get(0).params().norm().label());
        if (implied) {
            b.append("; the dashed line is the accuracy implied by the minimum-norm distances (")
                    .append(escape(minNorm.attack())).append(", ").append(escape(minNorm.measure().label()))
                    .append(")");
        }
        b.append(".</p>\n");
        List<SvgCharts.Series> series = new ArrayList<>();
        for (AttackCurve a : c.curves()) {
            series.add(new SvgCharts.Series(a.attack(), a.points().stream().mapToDouble(CurvePoint::epsilon).toArray(),
                    a.points().stream().mapToDouble(CurvePoint::accuracy).toArray(), false));
        }
        double[] eps = series.get(0).x();
        if (implied) {
            series.add(new SvgCharts.Series(minNorm.attack() + " (implied)", minNorm.curve().epsilons(),
                    minNorm.curve().accuracy(), true));
        }
        b.append("<figure>").append(SvgCharts.lineChart(clip(series, eps[eps.length - 1]), "epsilon", "accuracy", 1,
                CHART_WIDTH, CHART_HEIGHT)).append("</figure>\n");
        List<String> header = new ArrayList<>(List.of("attack", "parameters"));
        for (double e : eps) {
            header.add("&epsilon; = " + number(e));
        }
        List<List<String>> rows = new ArrayList<>();
        for (AttackCurve a : c.curves()) {
            List<String> row = new ArrayList<>(List.of(escape(a.attack()), "<small>" + escape(describe(a)) + "</small>"));
            a.points().forEach(p -> row.add(percent(p.accuracy())));
            rows.add(row);
        }
        b.append(Html.table(header, rows));
        b.append(flags(c.flags()));
        return b.toString();
    }

    static String flags(List<MaskingFlag> flags) {
        if (flags.isEmpty()) {
            return "<p class=\"ok\">Gradient-masking checks: none fired (curves fall monotonically, iterative attacks are"
                    + " at least as strong as single-step ones, the largest budget reaches chance level, gradients are"
                    + " non-zero).</p>\n";
        }
        StringBuilder b = new StringBuilder("<div class=\"warn\"><p><b>Gradient-masking checks fired</b> (Athalye et"
                + " al. 2018; Carlini et al. 2019): treat the curves as upper bounds.</p>\n<ul>\n");
        for (MaskingFlag f : flags) {
            b.append("<li><code>").append(f.kind().name()).append("</code> ").append(escape(f.message()))
                    .append("</li>\n");
        }
        return b.append("</ul></div>\n").toString();
    }

    static String ensemble(CurveResult e) {
        CurvePoint p = e.curves().get(0).points().get(1);
        return "<p>APGD-CE, then APGD-T, then Square on what is left (Croce and Hein 2020), at &epsilon; = "
                + number(p.epsilon()) + " (" + escape(e.curves().get(0).params().norm().label()) + ") on " + e.size()
                + " images: robust accuracy <b>" + percent(p.accuracy()) + "</b> (clean " + percent(e.cleanAccuracy())
                + "; attack success " + percent(p.successRate()) + " of the correctly classified; "
                + e.curves().get(0).params().steps() + " steps).</p>\n"
                + (e.flags().isEmpty() ? "" : flags(e.flags()));
    }

    static String minNorm(MinimumNormResult m) {
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(escape(m.attack())).append(" on ").append(m.samples().size())
                .append(" images: it found an adversarial example for ").append(percent(m.successRate()))
                .append(" of the correctly classified; ").append(escape(m.measure().label()))
                .append(" distance mean <b>").append(number(m.meanDistance())).append("</b>, median <b>")
                .append(number(m.medianDistance())).append("</b>. A minimum-norm attack's distance is an upper bound on"
                        + " the true distance to the decision boundary.</p>\n");
        b.append("<figure>").append(SvgCharts.histogram(m.histogram().edges(), m.histogram().counts(),
                m.measure().label() + " distance", CHART_WIDTH, 220)).append("</figure>\n");
        return b.toString();
    }

    static String calibration(CalibrationEvaluation.Result c) {
        CalibrationReport before = c.before();
        CalibrationReport after = c.after();
        List<List<String>> rows = List.of(
                List.of("T = 1", number(before.temperature()), percent(before.accuracy()), number(before.ece()),
                        number(before.mce()), number(before.nll()), number(before.brier()),
                        percent(c.selectiveBefore().coverageAtRisk())),
                List.of("temperature-scaled", number(after.temperature()), percent(after.accuracy()),
                        number(after.ece()), number(after.mce()), number(after.nll()), number(after.brier()),
                        percent(c.selectiveAfter().coverageAtRisk())));
        StringBuilder b = new StringBuilder("<p>Temperature fitted on " + c.fit().count() + " images, measured on "
                + before.count() + " others (Guo et al. 2017); " + before.bins().size() + " equal-width bins.</p>\n");
        b.append(Html.table(List.of("", "temperature", "accuracy", "ECE", "MCE", "NLL", "Brier",
                "coverage at risk " + number(c.selectiveBefore().targetRisk())), rows));
        List<ReliabilityBin> bins = before.bins();
        b.append("<figure>").append(SvgCharts.reliability(
                bins.stream().mapToDouble(ReliabilityBin::lower).toArray(),
                bins.stream().mapToDouble(ReliabilityBin::upper).toArray(),
                bins.stream().mapToDouble(ReliabilityBin::accuracy).toArray(),
                bins.stream().mapToInt(ReliabilityBin::count).toArray(), 360, 300))
                .append("<figcaption>Reliability at T = 1</figcaption></figure>\n");
        return b.toString();
    }

    static String corruptions(CorruptionEvaluation.Result r) {
        int[] sev = r.options().severities();
        List<String> header = new ArrayList<>(List.of("corruption"));
        for (int s : sev) {
            header.add("severity " + s);
        }
        header.add("mean error");
        List<List<String>> rows = new ArrayList<>();
        for (CorruptionEvaluation.Row row : r.rows()) {
            List<String> cells = new ArrayList<>(List.of(escape(row.corruption().id())));
            Arrays.stream(row.errors()).forEach(e -> cells.add(percent(e)));
            cells.add(percent(row.meanError()));
            rows.add(cells);
        }
        return "<p>Error under common corruptions (Hendrycks and Dietterich 2019) on " + r.images()
                + " images: clean error " + percent(r.cleanError()) + ", mean error under corruption <b>"
                + percent(r.meanError()) + "</b>, mCE " + number(r.meanCorruptionError()) + " (baseline: "
                + (r.baselineName() == null ? "the model itself at severity 0" : escape(r.baselineName())) + ").</p>\n"
                + Html.table(header, rows);
    }

    static String ood(OodEvaluation.Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (OodEvaluation.Entry e : r.entries()) {
            rows.add(List.of(escape(e.set()), escape(e.score().id()), number(e.metrics().auroc()),
                    number(e.metrics().auprIn()), number(e.metrics().auprOut()), percent(e.metrics().fprAt95Tpr())));
        }
        return "<p>Telling the " + r.inCount() + " test images (accuracy " + percent(r.inAccuracy())
                + ") from out-of-distribution sets built from them; higher AUROC and lower FPR at 95% TPR are better"
                + " (Hendrycks and Gimpel 2017; Liang et al. 2018; Liu et al. 2020).</p>\n"
                + Html.table(List.of("set", "score", "AUROC", "AUPR-in", "AUPR-out", "FPR at 95% TPR"), rows);
    }

    static String certification(Certification.Result c) {
        List<String> header = new ArrayList<>(List.of("radius (L2)"));
        List<String> row = new ArrayList<>(List.of("certified accuracy"));
        for (double r : RADII) {
            header.add(number(r));
            row.add(percent(c.certifiedAccuracy(r)));
        }
        return "<p>Randomized smoothing (Cohen, Rosenfeld and Kolter 2019) with &sigma; = "
                + number(c.options().sigma()) + ", n<sub>0</sub> = " + c.options().n0() + ", n = " + c.options().n()
                + ", &alpha; = " + number(c.options().alpha()) + " on " + c.entries().size() + " images; abstained on "
                + percent(c.abstainRate()) + ".</p>\n" + Html.table(header, List.of(row));
    }

    static String pictures(List<ExamplePicture> examples, List<String> classNames, BatterySpec spec) {
        StringBuilder b = new StringBuilder("<p>Correctly classified test images, their "
                + escape(ReportPictures.galleryAttack(spec).name()) + " adversarial example at &epsilon; = "
                + number(spec.standardEpsilon()) + ", the perturbation (amplified, mid-grey is no change) and a "
                + escape(spec.saliencyMethod()) + " saliency map of the clean prediction (red raises the class, blue"
                + " lowers it), then a counterfactual towards the runner-up class (Wachter et al. 2017) and what it"
                + " changed.</p>\n<div class=\"gallery\">\n");
        for (ExamplePicture e : examples) {
            String label = className(classNames, e.label());
            String adv = className(classNames, e.adversarialPrediction());
            b.append("<div class=\"example\">")
                    .append("<figure>").append(Html.png(e.clean(), "image " + e.index())).append("<figcaption>#")
                    .append(e.index()).append(' ').append(escape(label)).append("</figcaption></figure>")
                    .append("<figure>").append(Html.png(e.adversarial(), "adversarial " + e.index()))
                    .append("<figcaption class=\"").append(e.adversarialPrediction() == e.label() ? "held" : "fooled")
                    .append("\">&rarr; ").append(escape(adv)).append("</figcaption></figure>")
                    .append("<figure>").append(Html.png(e.perturbation(), "perturbation " + e.index()))
                    .append("<figcaption>L&infin; ").append(number(e.linf())).append(", &times;")
                    .append(number(e.amplification())).append("</figcaption></figure>")
                    .append("<figure>").append(Html.png(e.saliency(), "saliency " + e.index()))
                    .append("<figcaption>saliency</figcaption></figure>")
                    .append("<figure>").append(Html.png(e.counterfactual(), "counterfactual " + e.index()))
                    .append("<figcaption class=\"").append(e.counterfactualPrediction() == e.counterfactualTarget()
                            ? "held" : "fooled").append("\">&rarr; ")
                    .append(escape(className(classNames, e.counterfactualPrediction()))).append("</figcaption></figure>")
                    .append("<figure>").append(Html.png(e.counterfactualChange(), "change " + e.index()))
                    .append("<figcaption>change</figcaption></figure>")
                    .append("</div>\n");
        }
        return b.append("</div>\n").toString();
    }

    private static String className(List<String> names, int c) {
        return c >= 0 && c < names.size() ? names.get(c) : "class " + c;
    }

    private static String describe(AttackCurve a) {
        var p = a.params();
        if (!org.advlens.attack.catalog.Attacks.byName(a.attack()).iterative()) {
            return p.norm().label() + ", single step, seed " + p.seed();
        }
        return p.norm().label() + ", " + p.steps() + " steps, step " + String.format(java.util.Locale.ROOT, "%.3g",
                p.relativeStepSize()) + " x eps, " + p.restarts() + " restart" + (p.restarts() == 1 ? "" : "s")
                + ", seed " + p.seed();
    }

    /** Series restricted to x up to {@code xMax}, so an implied curve does not stretch the axis. */
    private static List<SvgCharts.Series> clip(List<SvgCharts.Series> series, double xMax) {
        List<SvgCharts.Series> out = new ArrayList<>();
        for (SvgCharts.Series s : series) {
            int n = 0;
            while (n < s.x().length && s.x()[n] <= xMax + 1e-12) {
                n++;
            }
            out.add(new SvgCharts.Series(s.name(), Arrays.copyOf(s.x(), n), Arrays.copyOf(s.y(), n), s.dashed()));
        }
        return out;
    }
}
