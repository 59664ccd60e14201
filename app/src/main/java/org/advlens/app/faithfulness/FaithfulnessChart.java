package org.advlens.app.faithfulness;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.MethodScores;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The per-image distribution of one faithfulness measure: a box plot per method (the box from the first to the
 * third quartile with the median, whiskers to the farthest values within 1.5 interquartile ranges, the mean as a
 * dot, values beyond as outlier circles), one box colour per model when two are compared. Methods without the
 * measure (the random-order row has only the curve areas) are left out.
 */
public final class FaithfulnessChart {

    private static final Color[] MODEL_COLOURS = {new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e)};

    private FaithfulnessChart() {
    }

    /** The box plot of {@code metric} over every method and model of {@code comparison}. */
    public static JFreeChart create(FaithfulnessComparison comparison, FaithfulnessMetric metric) {
        DefaultBoxAndWhiskerCategoryDataset dataset = new DefaultBoxAndWhiskerCategoryDataset();
        for (ModelFaithfulness m : comparison.models()) {
            for (MethodScores row : m.result().rows()) {
                if (!row.has(metric)) {
                    continue;
                }
                List<Double> values = new ArrayList<>();
                for (double v : row.values(metric)) {
                    if (Double.isFinite(v)) {
                        values.add(v);
                    }
                }
                dataset.add(values, m.label(), row.method());
            }
        }
        CategoryAxis methods = new CategoryAxis("method");
        methods.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis values = new NumberAxis(metric.label() + (metric.higherIsBetter() ? " (higher is better)"
                : " (lower is better)"));
        values.setAutoRangeIncludesZero(false);
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setMeanVisible(true);
        renderer.setMaxOutlierVisible(true);
        renderer.setMinOutlierVisible(true);
        renderer.setFillBox(true);
        renderer.setMaximumBarWidth(0.025);
        for (int i = 0; i < MODEL_COLOURS.length; i++) {
            renderer.setSeriesPaint(i, MODEL_COLOURS[i]);
        }
        renderer.setDefaultToolTipGenerator(new org.jfree.chart.labels.BoxAndWhiskerToolTipGenerator());
        CategoryPlot plot = new CategoryPlot(dataset, methods, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        int images = comparison.models().get(0).result().images();
        JFreeChart chart = new JFreeChart(metric.label() + " per image (" + images + " images)",
                JFreeChart.DEFAULT_TITLE_FONT, plot, comparison.comparing());
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
