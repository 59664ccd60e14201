package org.advlens.app.common.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Training charts: per epoch, the held-out clean and robust accuracy on the left axis ([0, 1]) and the mean training
 * loss on the right axis (dashed), with a legend. JFreeChart and AWT only, like {@link CurveChartFactory}.
 */
public final class TrainingChartFactory {

    /** Legend entries of the three series. */
    public static final String CLEAN = "clean accuracy (held-out)";
    public static final String ROBUST = "robust accuracy (PGD-20 at the training ε)";
    public static final String LOSS = "mean training loss (right axis)";

    private TrainingChartFactory() {
    }

    /** The accuracy series (dataset 0) and the loss series (dataset 1) of a chart made here. */
    public record Series(XYSeries clean, XYSeries robust, XYSeries loss) {
    }

    /** An empty chart; add points to {@link #series(JFreeChart)}. */
    public static JFreeChart create(String title) {
        XYSeriesCollection accuracy = new XYSeriesCollection();
        accuracy.addSeries(new XYSeries(CLEAN, true, false));
        accuracy.addSeries(new XYSeries(ROBUST, true, false));
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "accuracy", accuracy,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(-0.02, 1.02);
        y.setAutoRange(false);
        y.setTickUnit(new NumberTickUnit(0.1));
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer accuracyRenderer = new XYLineAndShapeRenderer(true, true);
        accuracyRenderer.setDefaultStroke(new BasicStroke(2f));
        accuracyRenderer.setAutoPopulateSeriesStroke(false);
        accuracyRenderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        accuracyRenderer.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28));
        plot.setRenderer(0, accuracyRenderer);

        XYSeriesCollection loss = new XYSeriesCollection();
        loss.addSeries(new XYSeries(LOSS, true, false));
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, lossAxis);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, loss);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, true);
        lossRenderer.setDefaultStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        lossRenderer.setAutoPopulateSeriesStroke(false);
        lossRenderer.setSeriesPaint(0, new Color(0x7f, 0x7f, 0x7f));
        plot.setRenderer(1, lossRenderer);
        return chart;
    }

    /** The series of a chart made by {@link #create(String)}. */
    public static Series series(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        XYSeriesCollection accuracy = (XYSeriesCollection) plot.getDataset(0);
        XYSeriesCollection loss = (XYSeriesCollection) plot.getDataset(1);
        return new Series(accuracy.getSeries(0), accuracy.getSeries(1), loss.getSeries(0));
    }
}
