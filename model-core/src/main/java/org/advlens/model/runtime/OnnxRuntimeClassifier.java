package org.advlens.model.runtime;

import ai.onnxruntime.OrtException;
import org.advlens.model.Classifier;
import org.advlens.model.ComputePath;
import org.advlens.model.FloatArrays;
import org.advlens.model.InputTransform;
import org.advlens.model.Logits;
import org.advlens.model.LogitsAndGradient;
import org.advlens.model.ModelInfo;
import org.advlens.model.gradient.GradientModel;
import org.advlens.model.gradient.GradientSession;
import org.advlens.model.onnx.OnnxRuntimeForward;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Classifier} on ONNX Runtime alone: logits from the model's forward graph, and logits with input gradients
 * from its gradient graph ({@link org.advlens.model.gradient.GradientGraphBuilder}), one run per batch. ONNX files
 * run on it directly, DL4J networks after export to ONNX.
 *
 * <p>Normalisation and layout are those of every other classifier ({@link InputTransform}). An instance holds two
 * native sessions: it belongs to one thread at a time, {@link #copy()} opens new ones for another thread, and
 * {@link #close()} releases them.
 */
public final class OnnxRuntimeClassifier implements Classifier, GradientGraphBacked {

    private final ModelInfo info;
    private final byte[] sourceModel;
    private final GradientModel gradientModel;
    private final int threads;
    private final OnnxRuntimeForward forward;
    private final GradientSession gradients;
    private final InputTransform input;
    private final java.util.Map<String, GradientSession> innerSessions = new java.util.HashMap<>();
    /** The last values fed to the weight inputs, for copies and inner-layer sessions; empty without weight inputs. */
    private final java.util.Map<String, float[]> weights = new java.util.HashMap<>();
    private boolean closed;

    private OnnxRuntimeClassifier(ModelInfo info, byte[] sourceModel, GradientModel gradientModel, int threads)
            throws OrtException {
        this.info = info;
        this.sourceModel = sourceModel;
        this.gradientModel = gradientModel;
        this.threads = threads;
        this.forward = OnnxRuntimeForward.open(gradientModel.logitsModel(), gradientModel.weightInputs().keySet());
        try {
            this.gradients = GradientSession.open(gradientModel, threads);
        } catch (OrtException | RuntimeException e) {
            forward.close();
            throw e;
        }
        this.input = new InputTransform(info.input());
    }

    /**
     * Opens the sessions.
     *
     * @param sourceModel the ONNX bytes the gradient model was built from, with its weights as initializers (for
     *                    gradient graphs with other rules or inner outputs); the logits run on
     *                    {@link GradientModel#logitsModel()}
     * @param gradientModel the gradient graph of the same model
     * @param threads intra-op threads per session (0: one per core)
     */
    public static OnnxRuntimeClassifier open(ModelInfo info, byte[] sourceModel, GradientModel gradientModel,
                                             int threads) throws OrtException {
        if (gradientModel.numClasses() != info.numClasses()) {
            throw new IllegalArgumentException("the model has " + gradientModel.numClasses() + " outputs but "
                    + info.numClasses() + " class names");
        }
        return new OnnxRuntimeClassifier(info, sourceModel, gradientModel, threads);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /**
     * Feeds new values of the model's weight inputs ({@link GradientModel#weightInputs()}) to both sessions; later
     * runs and copies use them. For classifiers built to follow weights that change, as during training.
     */
    public void setWeights(java.util.Map<String, float[]> values) {
        try {
            gradients.setWeights(values);
            for (java.util.Map.Entry<String, float[]> e : values.entrySet()) {
                forward.setWeight(e.getKey(), e.getValue(), gradientModel.weightInputs().get(e.getKey()));
            }
        } catch (OrtException e) {
            throw new IllegalStateException(info.name() + ": cannot feed the weights: " + e.getMessage(), e);
        }
        weights.putAll(values);
    }

    /** The logits model's bytes, as ONNX Runtime runs them (for export and for tests). */
    public byte[] logitsModel() {
        return gradientModel.logitsModel().clone();
    }

    public GradientModel gradientModel() {
        return gradientModel;
    }

    @Override
    public INDArray logits(INDArray x) {
        try {
            return forward.run(input.toNetwork(x));
        } catch (OrtException e) {
            throw new IllegalStateException(info.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        InputTransform.checkBatch(x, labels.length);
        return logitsAndGradient(x, Logits.oneHot(labels, numClasses()), null).inputGradient();
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        return logitsAndGradient(x, null, weights).inputGradient();
    }

    @Override
    public LogitsAndGradient logitsAndGradient(INDArray x, INDArray crossEntropyWeights, INDArray logitWeights) {
        int n = (int) x.size(0);
        float[] ce = objective(crossEntropyWeights, n);
        float[] w = objective(logitWeights, n);
        INDArray net = input.toNetwork(x);
        float[] data = FloatArrays.of(net);
        GradientSession.Output out;
        try {
            out = gradients.run(data, n, ce, w);
        } catch (OrtException e) {
            throw new IllegalStateException(info.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
        INDArray logits = Nd4j.create(out.logits(), new long[] {n, numClasses()}, 'c');
        INDArray netGrad = Nd4j.create(out.inputGradient(), net.shape(), 'c');
        INDArray grad = input.isIdentity() ? netGrad : input.fromNetworkGradient(netGrad);
        return new LogitsAndGradient(logits, grad.dataType() == x.dataType() ? grad : grad.castTo(x.dataType()));
    }

    @Override
    public void logitsAndGradient(float[] x, int n, float[] crossEntropyWeights, float[] logitWeights,
                                  float[] logits, float[] gradient) {
        if (x.length != n * inputSpec().size()) {
            throw new IllegalArgumentException("expected " + n + " images of " + inputSpec().size() + " values, got "
                    + x.length + " values");
        }
        float[] net = input.toNetwork(x, n);
        float[] g = input.isIdentity() ? gradient : new float[gradient.length];
        try {
            gradients.run(net, n, crossEntropyWeights, logitWeights, logits, g);
        } catch (OrtException e) {
            throw new IllegalStateException(info.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
        if (!input.isIdentity()) {
            input.fromNetworkGradient(g, n, gradient);
        }
    }

    private float[] objective(INDArray weights, int n) {
        if (weights == null) {
            return null;
        }
        if (weights.rows() != n || weights.columns() != numClasses()) {
            throw new IllegalArgumentException("objective weights must be [" + n + ", " + numClasses() + "], got "
                    + java.util.Arrays.toString(weights.shape()));
        }
        return FloatArrays.of(weights);
    }

    @Override
    public Classifier withBackwardRules(java.util.Map<String, org.advlens.model.gradient.BackwardRule> overrides)
            throws org.advlens.model.gradient.UnsupportedGradientException {
        GradientModel changed = org.advlens.model.gradient.GradientGraphBuilder.build(sourceModel, overrides,
                java.util.List.of(), gradientModel.weightInputs().keySet());
        try {
            OnnxRuntimeClassifier c = new OnnxRuntimeClassifier(info, sourceModel, changed, threads);
            if (!weights.isEmpty()) {
                c.setWeights(weights);
            }
            return c;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open the changed gradient graph of " + info.name() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String lastConvolutionLayer() {
        return gradientModel.lastConvolution();
    }

    @Override
    public java.util.List<String> spatialLayers() {
        return gradientModel.spatialValues();
    }

    @Override
    public ActivationGradient activationGradient(String layer, INDArray x, INDArray logitWeights)
            throws org.advlens.model.gradient.UnsupportedGradientException {
        if (!spatialLayers().contains(layer)) {
            throw new org.advlens.model.gradient.UnsupportedGradientException("no image-shaped layer '" + layer
                    + "'; the model's are " + spatialLayers());
        }
        int n = (int) x.size(0);
        float[] w = objective(logitWeights, n);
        try {
            GradientSession session = innerSessions.get(layer);
            if (session == null) {
                session = GradientSession.open(org.advlens.model.gradient.GradientGraphBuilder.build(sourceModel,
                        java.util.Map.of(), java.util.List.of(layer), gradientModel.weightInputs().keySet()), threads);
                innerSessions.put(layer, session);
            }
            if (!weights.isEmpty()) {
                session.setWeights(weights);
            }
            GradientSession.Inner inner = session.inner(layer, input.toNetwork(FloatArrays.of(x), n), n, w);
            return new ActivationGradient(inner.shape(), inner.activation(), inner.gradient());
        } catch (OrtException e) {
            throw new IllegalStateException(info.name() + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public ComputePath computePath() {
        return ComputePath.runtime();
    }

    @Override
    public Classifier copy() {
        try {
            OnnxRuntimeClassifier copy = new OnnxRuntimeClassifier(info, sourceModel, gradientModel, threads);
            if (!weights.isEmpty()) {
                copy.setWeights(weights);
            }
            return copy;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open another ONNX Runtime session for " + info.name() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            forward.close();
            gradients.close();
            innerSessions.values().forEach(GradientSession::close);
            innerSessions.clear();
        }
    }
}
