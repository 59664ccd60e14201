package org.advlens.spark;

import java.io.IOException;
import java.io.Serializable;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoadException;
import org.advlens.model.load.ModelLoader;

/**
 * The model of a distributed evaluation, as a path every executor can read (local on each machine, {@code file:}
 * on a shared file system, or {@code hdfs://}...); each task loads it once for its whole partition. {@code null}
 * stands for the bundled Fashion-MNIST CNN, {@value #BUNDLED_ROBUST} for the bundled adversarially trained one.
 *
 * @param path a DL4J model zip, Keras {@code .h5} or ONNX file, or {@code null} for the bundled model
 */
public record ModelSource(String path) implements Serializable {

    /** The bundled Fashion-MNIST CNN. */
    public static final ModelSource BUNDLED = new ModelSource(null);

    /** The path that stands for the bundled adversarially trained CNN. */
    public static final String BUNDLED_ROBUST = "bundled:robust";

    public ModelSource {
        if (path != null && path.isBlank()) {
            throw new IllegalArgumentException("the model path must not be blank");
        }
    }

    /** A fresh classifier; the caller closes it. */
    public Classifier load() throws IOException, ModelLoadException {
        if (path == null) {
            return ModelLoader.bundledDefault();
        }
        return BUNDLED_ROBUST.equals(path) ? ModelLoader.bundledRobust() : ModelLoader.load(HadoopFiles.local(path));
    }
}
