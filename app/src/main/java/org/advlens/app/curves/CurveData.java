package org.advlens.app.curves;

import java.io.IOException;
import java.nio.file.Path;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.model.InputSpec;

/**
 * The data the curves form chose, captured on the FX thread and loaded on the engine thread.
 *
 * @param dataFile an IDX file or a folder, or {@code null} for the bundled evaluation set
 * @param labelFile its labels, or {@code null} to find them next to it
 * @param limit how many images to use at most
 */
record CurveData(Path dataFile, Path labelFile, int limit) {

    static CurveData of(CurveSettings s) {
        return new CurveData(s.dataFileProperty().get(), s.labelFileProperty().get(), s.limitProperty().get());
    }

    LabelledDataset load(InputSpec in) throws IOException {
        LabelledDataset data = dataFile == null ? Datasets.bundledEvaluation(in) : Datasets.load(dataFile, labelFile,
                in);
        return data.limit(limit);
    }
}
