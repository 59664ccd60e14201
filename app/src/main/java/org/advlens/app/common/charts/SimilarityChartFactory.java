package org.advlens.app.common.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Saliency sanity-check charts (Adebayo et al., 2018): similarity with the original map versus randomisation
 * step, one line with point markers per method, the x axis labelled with the steps ("original", then the layers
 * randomised), the y axis from -0.2 (or lower, if a value is) to 1 with a zero line. Uses only JFreeChart and
 * AWT, so the command line renders it headless and the desktop app can show it in a JavaFX viewer.
 */
public final class SimilarityChartFactory {

    /** Default export size in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;

    private SimilarityChartFactory() {
    }

    /** The chart of {@code metric} for every method of {@code result}. */
    public static JFreeChart create(SanityCheckResult result, SimilarityMetric metric) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        double min = 0;
        for (int m = 0; m < result.methods().size(); m++) {
            XYSeries s = new XYSeries(result.methods().get(m), false, false);
            double[] curve = result.curve(m, metric);
            for (int step = 0; step < curve.length; step++) {
                s.add(step, curve[step]);
                min = Math.min(min, curve[step]);
            }
            dataset.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title(result, metric), xLabel(result), metric.label(),
                dataset, PlotOrientation.VERTICAL, true, true, false);
        style(chart, result.steps(), Math.min(-0.2, Math.floor(min * 10) / 10));
        return chart;
    }

    /** The title, e.g. {@code "Cascading randomization of fashion-cnn.zip: Spearman (absolute), 16 images"}. */
    public static String title(SanityCheckResult result, SimilarityMetric metric) {
        String what = switch (result.randomization()) {
            case CASCADING -> "Cascading randomization";
            case INDEPENDENT -> "Independent randomization";
            case PERMUTED_LABELS -> "Data randomization";
        };
        return String.format(Locale.ROOT, "%s of %s: %s, %d image%s", what, result.modelName(), metric.label(),
                result.images(), result.images() == 1 ? "" : "s");
    }

    /** Writes the chart as a PNG file, creating its folder if needed. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    private static String xLabel(SanityCheckResult result) {
        return switch (result.randomization()) {
            case CASCADING -> "randomised from the output down to layer";
            case INDEPENDENT -> "randomised layer";
            case PERMUTED_LABELS -> "model";
        };
    }

    private static void style(JFreeChart chart, List<String> steps, double yMin) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeZeroBaselineVisible(true);
        SymbolAxis x = new SymbolAxis(plot.getDomainAxis().getLabel(), steps.toArray(new String[0]));
        x.setGridBandsVisible(false);
        plot.setDomainAxis(x);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(yMin, 1.0);
        y.setAutoRange(false);
        y.setTickUnit(new NumberTickUnit(0.2));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(renderer);
    }
}
