package org.advlens.app.sanity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.advlens.app.common.charts.SimilarityChartFactory;
import org.advlens.report.SaliencyJson;
import org.advlens.report.SaliencyPictures;
import org.advlens.saliency.similarity.SimilarityMetric;

/** Writes a sanity check: the grid of maps of one image (PNG), or the curves as JSON, CSV or a chart PNG. */
public final class SanityExport {

    /** Grid pixels per map pixel. */
    public static final int GRID_SCALE = 3;

    private SanityExport() {
    }

    public static Path grid(SanityRun run, int image, Path file) throws IOException {
        SaliencyPictures.writePng(SaliencyPictures.grid(run.result(), image, run.images(), run.input().lower(),
                run.input().upper(), GRID_SCALE), file);
        return file;
    }

    /** The curves in the format the file's extension names: {@code .json}, {@code .csv} or {@code .png}. */
    public static Path curves(SanityRun run, SimilarityMetric metric, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            SaliencyJson.writeString(SaliencyJson.sanityCsv(run.result()), file);
        } else if (name.endsWith(".png")) {
            SimilarityChartFactory.writePng(SimilarityChartFactory.create(run.result(), metric), file,
                    SimilarityChartFactory.DEFAULT_WIDTH, SimilarityChartFactory.DEFAULT_HEIGHT);
        } else if (name.endsWith(".json")) {
            SaliencyJson.write(SaliencyJson.sanity(run.result(), run.data()), file);
        } else {
            throw new IllegalArgumentException("export the curves as .json, .csv or .png, got " + file.getFileName());
        }
        return file;
    }
}
