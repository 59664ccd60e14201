package org.advlens.app.curves;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.advlens.app.common.charts.CurveChartFactory;
import org.advlens.eval.CurveResult;
import org.advlens.report.CurveCsv;
import org.advlens.report.CurveJson;
import org.jfree.chart.JFreeChart;

/** Writes curves in the format the file name asks for: {@code .csv}, {@code .json}, {@code .png} or {@code .svg}. */
public final class CurveExport {

    private CurveExport() {
    }

    public static void write(CurveResult result, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            CurveCsv.write(result, file);
        } else if (name.endsWith(".json")) {
            CurveJson.write(result, file);
        } else if (name.endsWith(".png") || name.endsWith(".svg")) {
            JFreeChart chart = CurveChartFactory.create(result);
            if (name.endsWith(".png")) {
                CurveChartFactory.writePng(chart, file, CurveChartFactory.DEFAULT_WIDTH,
                        CurveChartFactory.DEFAULT_HEIGHT);
            } else {
                CurveChartFactory.writeSvg(chart, file, CurveChartFactory.DEFAULT_WIDTH,
                        CurveChartFactory.DEFAULT_HEIGHT);
            }
        } else {
            throw new IOException(file.getFileName() + ": unknown export format; use .csv, .json, .png or .svg");
        }
    }
}
