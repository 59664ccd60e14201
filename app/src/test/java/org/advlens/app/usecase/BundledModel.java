package org.advlens.app.usecase;

import java.io.IOException;
import org.advlens.data.Datasets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.model.Classifier;

/** The bundled Fashion-MNIST CNN and the first few images of its evaluation set, for the use-case tests. */
final class BundledModel {

    private BundledModel() {
    }

    static LabelledDataset firstImages(Classifier model, int count) throws IOException {
        return Datasets.bundledEvaluation(model.inputSpec()).limit(count);
    }

    static Images firstImage(Classifier model) throws IOException {
        return firstImages(model, 1).images();
    }
}
