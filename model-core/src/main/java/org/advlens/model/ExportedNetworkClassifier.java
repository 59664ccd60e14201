package org.advlens.model;

import java.util.Map;
import org.advlens.model.gradient.BackwardRule;
import org.advlens.model.gradient.UnsupportedGradientException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network (MultiLayerNetwork, ComputationGraph or Keras import) on the gradient engine: exported to ONNX once
 * at load time ({@link org.advlens.model.onnx.Dl4jOnnxExporter}), its logits and gradients run on ONNX Runtime
 * ({@link OnnxRuntimeClassifier}), while the network itself stays available to the methods that read its layers
 * ({@link NetworkBacked}).
 */
public final class ExportedNetworkClassifier implements Classifier, NetworkBacked, GradientGraphBacked {

    private final OnnxRuntimeClassifier runtime;
    private final Object network;

    ExportedNetworkClassifier(OnnxRuntimeClassifier runtime, Object network) {
        if (!(network instanceof MultiLayerNetwork) && !(network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("not a DL4J network: " + network);
        }
        this.runtime = runtime;
        this.network = network;
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
