package org.advlens.app.common.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveChartFactoryTest {

    private static AttackCurve curve(String attack, Norm norm, double... accuracies) {
        AttackParams params = AttackParams.defaults().withNorm(norm);
        List<CurvePoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            points.add(new CurvePoint(attack, 0.1 * i, accuracies[i], 0, 0, 0, new boolean[0]));
        }
        return new AttackCurve(attack, params, points);
    }

    private static CurveResult result(List<AttackCurve> curves) {
        ModelInfo model = new ModelInfo("cnn", "", "", ModelFormat.ANALYTIC, InputSpec.grey(2, 2), List.of("a", "b"),
                0, List.of(), false);
        return new CurveResult(model, "data", "", 4, 0.9, new boolean[4], curves, List.of(), Instant.EPOCH);
    }

    @Test
    void oneSeriesPerCurveOnFixedAccuracyAxis() {
        JFreeChart chart = CurveChartFactory.create(result(List.of(curve("fgsm", Norm.LINF, 0.9, 0.5, 0.2),
                curve("pgd", Norm.LINF, 0.9, 0.3, 0.0))));
        XYPlot plot = chart.getXYPlot();
        assertEquals("epsilon", plot.getDomainAxis().getLabel());
        assertEquals("accuracy", plot.getRangeAxis().getLabel());
        assertEquals(0.0, plot.getRangeAxis().getLowerBound());
        assertEquals(1.0, plot.getRangeAxis().getUpperBound());
        assertNotNull(chart.getLegend());
        XYDataset d = plot.getDataset();
        assertEquals(2, d.getSeriesCount());
        assertEquals("fgsm (linf)", d.getSeriesKey(0));
        assertEquals("pgd (linf)", d.getSeriesKey(1));
        assertEquals(3, d.getItemCount(1));
        assertEquals(0.3, d.getYValue(1, 1));
        assertTrue(chart.getTitle().getText().startsWith("cnn on data (4 images"));
    }

    @Test
    void overlaidCurvesWithTheSameNameGetDistinctKeys() {
        JFreeChart chart = CurveChartFactory.create("overlay", List.of(curve("pgd", Norm.L2, 1, 0),
                curve("pgd", Norm.L2, 1, 0.5)));
        assertEquals("pgd (l2)", chart.getXYPlot().getDataset().getSeriesKey(0));
        assertEquals("pgd (l2) #2", chart.getXYPlot().getDataset().getSeriesKey(1));
    }

    @Test
    void exportsPngAndSvg(@TempDir Path dir) throws IOException {
        JFreeChart chart = CurveChartFactory.create(result(List.of(curve("fgsm", Norm.LINF, 0.9, 0.4))));
        Path png = dir.resolve("c/curve.png");
        CurveChartFactory.writePng(chart, png, 400, 300);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        Path svg = dir.resolve("c/curve.svg");
        CurveChartFactory.writeSvg(chart, svg, 400, 300);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
        assertTrue(text.contains("epsilon"));
    }
}
