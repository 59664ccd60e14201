package org.advlens.model.runtime;

import java.util.List;
import java.util.Map;
import org.advlens.model.Classifier;
import org.advlens.model.ComputePath;
import org.advlens.model.LogitsAndGradient;
import org.advlens.model.ModelInfo;
import org.advlens.model.NetworkBacked;
import org.advlens.model.gradient.BackwardRule;
import org.advlens.model.gradient.GradientGraphBuilder;
import org.advlens.model.gradient.GradientModel;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.advlens.model.onnx.Dl4jOnnxExporter;
import org.advlens.model.onnx.OnnxExportException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network (MultiLayerNetwork, ComputationGraph or Keras import) on the gradient engine: exported to ONNX once
 * ({@link org.advlens.model.onnx.Dl4jOnnxExporter}), its logits and gradients run on ONNX Runtime
 * ({@link OnnxRuntimeClassifier}), while the network itself stays available to the methods that read its layers
 * ({@link NetworkBacked}).
 *
 * <p>Loaded models hold a snapshot of their weights. For the attack steps of adversarial training,
 * {@link #following} exports the network with its parameters as graph inputs instead, and {@link #refresh()} feeds
 * their current values after each optimiser step, without exporting again; between refreshes it computes with the
 * values of the last one.
 */
public final class ExportedNetworkClassifier implements Classifier, NetworkBacked, GradientGraphBacked {

    private final OnnxRuntimeClassifier runtime;
    private final Object network;
    /** The parameters fed as weight inputs; empty for a snapshot. */
    private final List<Dl4jOnnxExporter.ParameterBinding> bindings;

    public ExportedNetworkClassifier(OnnxRuntimeClassifier runtime, Object network) {
        this(runtime, network, List.of());
    }

    private ExportedNetworkClassifier(OnnxRuntimeClassifier runtime, Object network,
                                      List<Dl4jOnnxExporter.ParameterBinding> bindings) {
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("not a DL4J network: " + network);
        }
        this.runtime = runtime;
        this.network = network;
        this.bindings = List.copyOf(bindings);
        if (following()) {
            refresh();
        }
    }

    /**
     * A classifier following {@code network}'s parameters as they change (a MultiLayerNetwork or ComputationGraph
     * taking {@code info}'s input). Only networks whose parameters the export holds verbatim can follow: a batch-norm
     * layer that stores log10 of its standard deviation (DL4J's default) cannot yet.
     *
     * @throws UnsupportedGradientException if the network cannot be exported, has parameters the export
     *                                      transforms, or has an op without a backward rule
     */
    public static ExportedNetworkClassifier following(Object network, ModelInfo info)
            throws UnsupportedGradientException {
        long[] shape = info.input().networkShape();
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
        java.util.Set<String> names = new java.util.HashSet<>();
        exported.bindings().forEach(b -> names.add(b.initializer()));
        GradientModel gm = GradientGraphBuilder.build(exported.model(), Map.of(), List.of(), names);
        try {
            return new ExportedNetworkClassifier(OnnxRuntimeClassifier.open(info, exported.model(), gm, 0), network,
                    exported.bindings());
        } catch (ai.onnxruntime.OrtException e) {
            throw new UnsupportedGradientException("ONNX Runtime cannot open the graph: " + e.getMessage(), e);
        }
    }

    /** Whether this classifier follows its network's parameters ({@link #following}) rather than a snapshot. */
    public boolean following() {
        return !bindings.isEmpty();
    }

    /**
     * Feeds the network's current parameter values to the engine.
     *
     * @throws IllegalStateException for a snapshot, which has no parameters to follow
     */
    public void refresh() {
        if (!following()) {
            throw new IllegalStateException(info().name() + " holds a snapshot of its weights; make it with"
                    + " following() to follow them");
        }
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

    /** The classifier on ONNX Runtime that computes this one's logits and gradients. */
    public OnnxRuntimeClassifier runtime() {
        return runtime;
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
    public Classifier withBackwardRules(Map<String, BackwardRule> overrides) throws UnsupportedGradientException {
        return runtime.withBackwardRules(overrides);
    }

    @Override
    public String lastConvolutionLayer() {
        return runtime.lastConvolutionLayer();
    }

    @Override
    public java.util.List<String> spatialLayers() {
        return runtime.spatialLayers();
    }

    @Override
    public ActivationGradient activationGradient(String layer, INDArray x, INDArray logitWeights)
            throws UnsupportedGradientException {
        return runtime.activationGradient(layer, x, logitWeights);
    }

    @Override
    public ComputePath computePath() {
        return runtime.computePath();
    }

    /**
     * An independent copy on a clone of the network; a following classifier's copy holds the values of its last
     * refresh as a snapshot.
     */
    @Override
    public Classifier copy() {
        Object clone = network instanceof MultiLayerNetwork m ? m.clone() : ((ComputationGraph) network).clone();
        return new ExportedNetworkClassifier((OnnxRuntimeClassifier) runtime.copy(), clone);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
