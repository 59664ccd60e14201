package org.advlens.app.common.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.io.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Accuracy-versus-epsilon charts: one line with point markers per attack, x axis "epsilon", y axis "accuracy"
 * fixed to [0, 1], with a legend. Uses only JFreeChart and AWT, so the command line can render it headless and
 * the desktop app can show the same chart in a JavaFX viewer.
 */
public final class CurveChartFactory {

    /** Label of the x axis. */
    public static final String X_LABEL = "epsilon";
    /** Label of the y axis. */
    public static final String Y_LABEL = "accuracy";
    /** Default export size in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;

    private CurveChartFactory() {
    }

    /** A chart of every curve of {@code result}, titled with the model and the data. */
    public static JFreeChart create(CurveResult result) {
        return create(title(result), result.curves());
    }

    /** A chart of {@code curves}; series with the same attack and norm get a running number. */
    public static JFreeChart create(String title, List<AttackCurve> curves) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        Set<String> used = new HashSet<>();
        for (AttackCurve c : curves) {
            String key = seriesKey(c);
            String unique = key;
            for (int i = 2; !used.add(unique); i++) {
                unique = key + " #" + i;
            }
            dataset.addSeries(series(unique, c));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, X_LABEL, Y_LABEL, dataset, PlotOrientation.VERTICAL,
                true, true, false);
        style(chart);
        return chart;
    }

    /** The legend entry of a curve, e.g. {@code "pgd (linf)"}. */
    public static String seriesKey(AttackCurve curve) {
        String key = curve.attack() + " (" + curve.params().norm().label() + ")";
        return curve.params().targeted() ? key + " -> class " + curve.params().targetClass() : key;
    }

    /** One curve as a series, e.g. to add points to a live chart as they arrive. */
    public static XYSeries series(String key, AttackCurve curve) {
        XYSeries s = new XYSeries(key, true, false);
        for (CurvePoint p : curve.points()) {
            s.addOrUpdate(p.epsilon(), p.accuracy());
        }
        return s;
    }

    /** The chart title for a result: model, data and number of examples. */
    public static String title(CurveResult result) {
        return String.format(Locale.ROOT, "%s on %s (%d images, clean accuracy %.3f)", result.model().name(),
                result.dataName(), result.size(), result.cleanAccuracy());
    }

    /** Writes the chart as a PNG file, creating its folder if needed. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        createParent(file);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** The chart as an SVG document. */
    public static String toSvg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** Writes the chart as an SVG file, creating its folder if needed. */
    public static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        createParent(file);
        AtomicFiles.writeString(file, toSvg(chart, width, height));
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
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0.0, 1.0);
        y.setAutoRange(false);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(renderer);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
