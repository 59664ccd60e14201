package org.advlens.app.common.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advlens.eval.Certification;
import org.advlens.eval.calibration.CalibrationReport;
import org.advlens.eval.calibration.ReliabilityBin;
import org.advlens.eval.calibration.SelectiveClassification;
import org.advlens.eval.ood.DetectionMetrics;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.eval.ood.OodScore;
import org.advlens.eval.ood.ScoreHistogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts of the robustness evaluations: certified accuracy versus radius, reliability diagrams, risk-coverage
 * curves, ROC curves and overlaid score histograms. Only JFreeChart and AWT, like {@link CurveChartFactory}, so a
 * chart can be shown in the app and written as PNG alike.
 */
public final class RobustnessChartFactory {

    /** Radii sampled by the certified-accuracy chart. */
    public static final int RADIUS_POINTS = 60;

    private RobustnessChartFactory() {
    }

    /** Certified accuracy (Cohen et al. 2019, Figure 1) on a grid of radii from 0 past the largest certificate. */
    public static JFreeChart certifiedAccuracy(String title, Certification.Result r) {
        XYSeries s = new XYSeries("σ = " + fmt(r.options().sigma()), true, false);
        double max = r.entries().stream().mapToDouble(e -> e.certificate().radius()).max().orElse(0);
        double end = max > 0 ? max * 1.05 : 1;
        for (int k = 0; k <= RADIUS_POINTS; k++) {
            double radius = end * k / RADIUS_POINTS;
            s.add(radius, r.certifiedAccuracy(radius));
        }
        return unitRange(line(title, "L2 radius", "certified accuracy", List.of(s), false));
    }

    /** Reliability diagram: accuracy versus confidence per non-empty bin, before and after, with the diagonal. */
    public static JFreeChart reliability(String title, CalibrationReport before, CalibrationReport after) {
        XYSeries ideal = new XYSeries("perfect calibration");
        ideal.add(0, 0);
        ideal.add(1, 1);
        JFreeChart chart = line(title, "confidence", "accuracy", List.of(bins("T = 1", before),
                bins("T = " + fmt(after.temperature()), after), ideal), true);
        chart.getXYPlot().getRenderer().setSeriesStroke(2, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        chart.getXYPlot().getRenderer().setSeriesPaint(2, Color.GRAY);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesShapesVisible(2, false);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setRange(0, 1);
        return unitRange(chart);
    }

    /** Selective risk versus coverage (Geifman and El-Yaniv 2017), one series per ranking. */
    public static JFreeChart riskCoverage(String title, List<String> names, List<SelectiveClassification> curves) {
        List<XYSeries> series = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            XYSeries s = new XYSeries(names.get(i) + String.format(Locale.ROOT, " (AURC %.4f)", curves.get(i).aurc()),
                    false, true);
            for (SelectiveClassification.Point p : curves.get(i).curve()) {
                s.add(p.coverage(), p.risk());
            }
            series.add(s);
        }
        JFreeChart chart = line(title, "coverage", "selective risk", series, false);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setRange(0, 1);
        return chart;
    }

    /** ROC curves of one score, one series per out-of-distribution set (out-of-distribution is positive). */
    public static JFreeChart roc(String title, OodEvaluation.Result r, OodScore score) {
        List<XYSeries> series = new ArrayList<>();
        for (OodEvaluation.Entry e : r.entries()) {
            if (e.score() == score) {
                XYSeries s = new XYSeries(e.set() + String.format(Locale.ROOT, " (AUROC %.3f)",
                        e.metrics().auroc()), false, true);
                for (DetectionMetrics.RocPoint p : e.metrics().rocCorners()) {
                    s.add(p.fpr(), p.tpr());
                }
                series.add(s);
            }
        }
        JFreeChart chart = unitRange(line(title, "false positive rate", "true positive rate", series, false));
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setRange(0, 1);
        return chart;
    }

    /** The in- and out-of-distribution scores in the same bins, as overlaid translucent bars. */
    public static JFreeChart histogram(String title, ScoreHistogram h, String outName) {
        double[] edges = h.edges();
        XYSeries in = new XYSeries("in-distribution", false, true);
        XYSeries out = new XYSeries(outName, false, true);
        for (int k = 0; k < h.inCounts().length; k++) {
            double mid = (edges[k] + edges[k + 1]) / 2;
            in.add(mid, h.inCounts()[k]);
            out.add(mid, h.outCounts()[k]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(in);
        data.addSeries(out);
        data.setIntervalWidth(edges.length > 1 ? edges[1] - edges[0] : 1);
        JFreeChart chart = ChartFactory.createXYBarChart(title, "score", false, "images", data,
                PlotOrientation.VERTICAL, true, true, false);
        style(chart);
        XYBarRenderer bars = (XYBarRenderer) chart.getXYPlot().getRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4, 150));
        bars.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28, 150));
        return chart;
    }

    private static XYSeries bins(String name, CalibrationReport report) {
        XYSeries s = new XYSeries(name + String.format(Locale.ROOT, " (ECE %.4f)", report.ece()), false, true);
        for (ReliabilityBin b : report.bins()) {
            if (b.count() > 0) {
                s.add(b.confidence(), b.accuracy());
            }
        }
        return s;
    }

    private static JFreeChart line(String title, String x, String y, List<XYSeries> series, boolean shapes) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, true,
                false);
        style(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
        chart.getXYPlot().setRenderer(renderer);
        return chart;
    }

    private static JFreeChart unitRange(JFreeChart chart) {
        NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
        y.setRange(-0.02, 1.02);
        return chart;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
