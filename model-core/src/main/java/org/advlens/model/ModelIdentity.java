package org.advlens.model;

import java.util.List;

/**
 * What identifies a model in an exported result: its name, where it came from, the SHA-256 of its file, its format,
 * its input description and its class names. Every exported file records exactly these fields as its
 * {@code "model"} object (see {@code org.advlens.provenance.ProvenanceJson}), so that two files from the same model
 * can be matched by hash and a file can be read back without the model at hand.
 *
 * @param name short display name
 * @param source where it came from (a path or a resource name); empty if unknown
 * @param sha256 hash of the model file; empty for in-memory models
 * @param format the file format
 * @param input the input description: shape, layout, value range and normalisation
 * @param classes one name per output class (at least two)
 */
public record ModelIdentity(String name, String source, String sha256, ModelFormat format, InputSpec input,
                            List<String> classes) {

    public ModelIdentity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank, got '" + name + "'");
        }
        if (format == null || input == null) {
            throw new IllegalArgumentException("format and input description are required, got " + format + " and "
                    + input);
        }
        if (classes == null || classes.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes, got " + classes);
        }
        source = source == null ? "" : source;
        sha256 = sha256 == null ? "" : sha256;
        classes = List.copyOf(classes);
    }

    /** The identity of a loaded model. */
    public static ModelIdentity of(ModelInfo info) {
        if (info == null) {
            throw new IllegalArgumentException("model info is required");
        }
        return new ModelIdentity(info.name(), info.source(), info.sha256(), info.format(), info.input(),
                info.classNames());
    }

    /**
     * A model description with this identity, for results read back from a file: the parameter count, layers and
     * softmax flag are not part of the identity and come back as 0, none and false.
     */
    public ModelInfo toModelInfo() {
        return new ModelInfo(name, source, sha256, format, input, classes, 0, List.of(), false);
    }
}
