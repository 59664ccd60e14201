package org.advlens.app.boundary;

import java.awt.BasicStroke;
import java.awt.Color;
import org.advlens.eval.boundary.LinearityResult;
import org.advlens.eval.boundary.PlanePictures;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The logit-linearity chart (Goodfellow et al. 2015, Figure 4): every class's logit along {@code x + eps.d}, one
 * chart for the FGSM sign direction and one for a random sign direction.
 */
final class LinearityChart {

    private LinearityChart() {
    }

    static JFreeChart create(LinearityResult r, boolean adversarial) {
        XYSeriesCollection data = new XYSeriesCollection();
        float[][] z = adversarial ? r.adversarialLogits() : r.randomLogits();
        double[] eps = r.epsilons();
        for (int k = 0; k < r.classNames().size(); k++) {
            XYSeries s = new XYSeries(r.classNames().get(k));
            for (int e = 0; e < eps.length; e++) {
                s.add(eps[e], z[e][k]);
            }
            data.addSeries(s);
        }
        String title = adversarial ? "Logits along sign(∇loss) (FGSM)" : "Logits along a random sign direction";
        JFreeChart chart = ChartFactory.createXYLineChart(title, "ε (L∞ step)", "logit", data,
                PlotOrientation.VERTICAL, adversarial, true, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < r.classNames().size(); k++) {
            renderer.setSeriesPaint(k, new Color(PlanePictures.classColour(k)));
            renderer.setSeriesStroke(k, new BasicStroke(k == r.label() ? 3f : 1.5f));
        }
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }
}
