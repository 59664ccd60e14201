package org.advlens.app.robustness;

import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.model.InputSpec;

/** The labelled data every robustness evaluation runs on: the bundled test set, or an IDX file or class folder. */
public final class DataSelection {

    private final ObjectProperty<Path> dataFile = new SimpleObjectProperty<>(this, "dataFile");
    private final ObjectProperty<Path> labelFile = new SimpleObjectProperty<>(this, "labelFile");

    /** The IDX image file or class folder, or {@code null} for the bundled evaluation set. */
    public ObjectProperty<Path> dataFileProperty() {
        return dataFile;
    }

    /** The IDX label file, or {@code null} to use the companion file. */
    public ObjectProperty<Path> labelFileProperty() {
        return labelFile;
    }

    /** What a job needs to load the chosen data later, on the engine thread. */
    Source source() {
        return new Source(dataFile.get(), labelFile.get());
    }

    /**
     * A chosen data set, by its files.
     *
     * @param data the IDX image file or class folder, or {@code null} for the bundled set
     * @param labels the IDX label file, or {@code null}
     */
    record Source(Path data, Path labels) {

        /** The first {@code limit} images, fitted to the model's input. */
        LabelledDataset load(InputSpec spec, int limit) throws IOException {
            LabelledDataset set = data == null ? Datasets.bundledEvaluation(spec) : Datasets.load(data, labels, spec);
            return set.limit(limit);
        }
    }
}
