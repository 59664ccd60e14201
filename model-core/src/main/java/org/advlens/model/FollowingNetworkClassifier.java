package org.advlens.model;

import java.util.List;
import java.util.Map;
import org.advlens.model.gradient.GradientGraphBuilder;
import org.advlens.model.gradient.GradientModel;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.onnx.Dl4jOnnxExporter;
import org.advlens.model.onnx.OnnxExportException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network on the gradient engine that follows its parameters as they change, for the attack steps of
 * adversarial training: the network is exported once with its weights as graph inputs, and {@link #refresh()}
 * feeds the parameters' current values (after each optimiser step) instead of exporting again. Between refreshes
 * it computes with the values of the last one.
 *
 * <p>Only networks whose parameters the export holds verbatim can follow (a batch-norm layer that stores log10 of
 * its standard deviation, DL4J's default, cannot yet): {@link #of} says why not otherwise.
 */
public final class FollowingNetworkClassifier implements Classifier, NetworkBacked {

    private final OnnxRuntimeClassifier runtime;
    private final Object network;
    private final List<Dl4jOnnxExporter.ParameterBinding> bindings;

    private FollowingNetworkClassifier(OnnxRuntimeClassifier runtime, Object network,
                                       List<Dl4jOnnxExporter.ParameterBinding> bindings) {
        this.runtime = runtime;
        this.network = network;
        this.bindings = bindings;
        refresh();
    }

    /**
     * A classifier following {@code network} (a MultiLayerNetwork or ComputationGraph taking {@code info}'s
     * input).
     *
     * @throws UnsupportedGradientException if the network cannot be exported, has parameters the export
     *                                      transforms, or has an op without a backward rule
     */
    public static FollowingNetworkClassifier of(Object network, ModelInfo info) throws UnsupportedGradientException {
        long[] shape = Classifiers.networkShape(info.input());
        Dl4jOnnxExporter.ExportedNetwork exported;
        try {
            exported = network instanceof MultiLayerNetwork m ? Dl4jOnnxExporter.exportWithBindings(m, shape)
                    : Dl4jOnnxExporter.exportWithBindings((ComputationGraph) network, shape);
        } catch (OnnxExportException e) {
            throw new UnsupportedGradientException(e.getMessage(), e);
        }
        if (!exported.fullyBound()) {
            throw new UnsupportedGradientException("the export computes " + exported.derived() + " from parameters"
                    + " (batch norm storing log10 of its standard deviation), so it cannot follow them");
        }
        List<String> names = exported.bindings().stream().map(Dl4jOnnxExporter.ParameterBinding::initializer)
                .toList();
        GradientModel gm = GradientGraphBuilder.build(exported.model(), Map.of(), List.of(),
                new java.util.HashSet<>(names));
        try {
            return new FollowingNetworkClassifier(OnnxRuntimeClassifier.open(info, exported.model(), gm, 0), network,
                    exported.bindings());
        } catch (ai.onnxruntime.OrtException e) {
            throw new UnsupportedGradientException("ONNX Runtime cannot open the graph: " + e.getMessage(), e);
        }
    }

    /** Feeds the network's current parameter values to the engine. */
    public void refresh() {
        runtime.setWeights(Dl4jOnnxExporter.currentValues(network, bindings));
    }

    @Override
    public ModelInfo info() {
        return runtime.info();
    }

    @Override
    public Object network() {
        return network;
    }

    @Override
    public INDArray logits(INDArray x) {
        return runtime.logits(x);
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        return runtime.lossGradient(x, labels);
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        return runtime.logitGradient(x, weights);
    }

    @Override
    public LogitsAndGradient logitsAndGradient(INDArray x, INDArray crossEntropyWeights, INDArray logitWeights) {
        return runtime.logitsAndGradient(x, crossEntropyWeights, logitWeights);
    }

    @Override
    public void logitsAndGradient(float[] x, int n, float[] crossEntropyWeights, float[] logitWeights,
                                  float[] logits, float[] gradient) {
        runtime.logitsAndGradient(x, n, crossEntropyWeights, logitWeights, logits, gradient);
    }

    @Override
    public ComputePath computePath() {
        return runtime.computePath();
    }

    /** An independent classifier on the engine with the values of the last refresh, not following any network. */
    @Override
    public Classifier copy() {
        return runtime.copy();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
