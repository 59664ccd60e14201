package org.advlens.app.cli;

import java.nio.file.Path;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoadException;
import org.advlens.model.load.ModelLoader;
import picocli.CommandLine.Option;

/** {@code --model}: a model file, or the bundled Fashion-MNIST CNN when left out. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "FILE",
            description = "DL4J model zip, Keras .h5 or ONNX file (default: the bundled Fashion-MNIST CNN)")
    Path model;

    Classifier load() throws ModelLoadException {
        return model == null ? ModelLoader.bundledDefault() : ModelLoader.load(model);
    }
}
