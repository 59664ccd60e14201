package org.advlens.app.common.charts;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.XYPlot;

/** Light and dark colours for the charts shown in the app, to match its theme. */
public final class ChartThemes {

    private ChartThemes() {
    }

    /** Paints the background, grid, every axis and the legend of an XY chart light or dark. */
    public static void apply(JFreeChart chart, boolean dark) {
        Color bg = dark ? new Color(0x25, 0x28, 0x2e) : Color.WHITE;
        Color fg = dark ? new Color(0xdd, 0xdd, 0xdd) : new Color(0x22, 0x22, 0x22);
        Color grid = dark ? new Color(0x44, 0x48, 0x50) : new Color(0xdd, 0xdd, 0xdd);
        chart.setBackgroundPaint(bg);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(bg);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        style(plot.getDomainAxis(), fg);
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i), fg);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(bg);
            chart.getLegend().setItemPaint(fg);
        }
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(fg);
        }
    }

    private static void style(Axis axis, Color fg) {
        if (axis != null) {
            axis.setLabelPaint(fg);
            axis.setTickLabelPaint(fg);
            axis.setAxisLinePaint(fg);
        }
    }
}
