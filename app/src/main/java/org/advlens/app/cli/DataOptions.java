package org.advlens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.model.Classifier;
import picocli.CommandLine.Option;

/** {@code --data}, {@code --labels}, {@code --limit}: the evaluation data, or the bundled 1,000 test images. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "PATH",
            description = "IDX image file (plain or .gz) or a folder with one sub-folder per class "
                    + "(default: the bundled 1000 Fashion-MNIST test images)")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "IDX label file for an IDX --data file (default: the file named like it with "
                    + "'labels-idx1' for 'images-idx3')")
    Path labels;

    @Option(names = "--limit", paramLabel = "N", description = "use only the first N images")
    Integer limit;

    /** The data fitted to the model's input, limited; warns when the data's class names differ from the model's. */
    LabelledDataset load(Classifier model, PrintWriter err) throws IOException {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be positive, got " + limit);
        }
        if (data == null && labels != null) {
            throw new IllegalArgumentException("--labels needs --data (the IDX image file they belong to)");
        }
        LabelledDataset set;
        if (data == null) {
            set = Datasets.bundledEvaluation(model.inputSpec());
        } else {
            CliFiles.requireExisting(data, "data");
            if (labels != null) {
                CliFiles.requireFile(labels, "label file");
            }
            set = Datasets.load(data, labels, model.inputSpec());
        }
        if (set.size() == 0) {
            throw new IllegalArgumentException("the data set " + set.name() + " holds no images");
        }
        if (!set.classNames().isEmpty() && !set.classNames().equals(model.classNames())) {
            err.println("advlens: warning: the data's classes " + set.classNames() + " differ from the model's "
                    + model.classNames() + "; labels are taken as class indices");
        }
        return limit == null ? set : set.limit(limit);
    }
}
