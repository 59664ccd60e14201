package org.advlens.model;

import java.util.List;

/**
 * A description of a loaded classifier: everything the UI and the reports show about it.
 *
 * @param name short display name (usually the file name)
 * @param source where it came from (a path or a resource name)
 * @param sha256 hash of the model file, for provenance; empty for in-memory models
 * @param format the file format
 * @param input the input description
 * @param classNames one name per output class
 * @param parameterCount number of trainable parameters
 * @param layers one line per layer, for display
 * @param softmaxOutput whether the file's network ends in a softmax; the engine always works on the logits before it
 */
public record ModelInfo(String name, String source, String sha256, ModelFormat format, InputSpec input,
                        List<String> classNames, long parameterCount, List<String> layers, boolean softmaxOutput) {

    public ModelInfo {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (input == null || format == null) {
            throw new IllegalArgumentException("input description and format are required");
        }
        if (classNames == null || classNames.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes, got " + classNames);
        }
        source = source == null ? "" : source;
        sha256 = sha256 == null ? "" : sha256;
        classNames = List.copyOf(classNames);
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    public int numClasses() {
        return classNames.size();
    }

    /** What identifies this model in an exported result. */
    public ModelIdentity identity() {
        return ModelIdentity.of(this);
    }

    public ModelInfo withInput(InputSpec newInput) {
        return new ModelInfo(name, source, sha256, format, newInput, classNames, parameterCount, layers, softmaxOutput);
    }

    public ModelInfo withClassNames(List<String> names) {
        return new ModelInfo(name, source, sha256, format, input, names, parameterCount, layers, softmaxOutput);
    }
}
