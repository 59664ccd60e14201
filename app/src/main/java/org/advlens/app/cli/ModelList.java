package org.advlens.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoadException;
import org.advlens.model.load.ModelLoader;

/** Model arguments of the comparison commands: a file, or {@code bundled} / {@code bundled-robust}. */
final class ModelList {

    static final String HELP = "DL4J model zip, Keras .h5 or ONNX file, or 'bundled' (the standard Fashion-MNIST "
            + "CNN) or 'bundled-robust' (its PGD-trained twin)";

    private ModelList() {
    }

    static Classifier load(String name) throws ModelLoadException {
        return switch (name.strip()) {
            case "bundled" -> ModelLoader.bundledDefault();
            case "bundled-robust" -> ModelLoader.bundledRobust();
            default -> {
                Path p = Path.of(name.strip());
                CliFiles.requireFile(p, "model");
                yield ModelLoader.load(p);
            }
        };
    }

    /** Loads every model; closes those already loaded if one fails. */
    static List<Classifier> loadAll(List<String> names) throws ModelLoadException {
        List<Classifier> out = new ArrayList<>();
        try {
            for (String n : names) {
                out.add(load(n));
            }
            return out;
        } catch (RuntimeException | ModelLoadException e) {
            closeAll(out);
            throw e;
        }
    }

    static void closeAll(List<Classifier> models) {
        for (Classifier c : models) {
            c.close();
        }
    }
}
