package org.advlens.model;

/** The file formats AdvLens loads classifiers from. */
public enum ModelFormat {
    DL4J_MULTILAYER("DL4J MultiLayerNetwork zip"),
    DL4J_GRAPH("DL4J ComputationGraph zip"),
    KERAS("Keras HDF5"),
    ONNX("ONNX model"),
    ANALYTIC("built-in analytic model");

    private final String displayName;

    ModelFormat(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
