package org.advlens.model.gradient;

import ai.onnxruntime.OrtException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.advlens.model.onnx.OnnxProtos;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Reverse-mode differentiation of an ONNX classifier into one ONNX graph that computes the logits and the input
 * gradient of an objective on them ({@link GradientModel}), in plain ONNX ops that ONNX Runtime runs.
 *
 * <p>The forward nodes stay as they are; an objective head turns the logits into their gradient, and each forward
 * node that depends on the input, from the last to the first, gets its backward nodes from its op's
 * {@link BackwardRule} (see {@link BackwardRules}), as in the gradient builders of ONNX Runtime's training mode,
 * PyTorch's autograd and tinygrad. The static shapes the rules need come from one probe run
 * ({@link ShapeProbe}). A final Softmax is cut off so that the objective sees logits.
 *
 * <p>Opsets 13 and later are handled; the result declares at least opset 16 (for ScatterElements with
 * reduction), which is a superset of 13 to 15 for every op the rules accept.
 */
public final class GradientGraphBuilder {

    static final int MIN_OPSET = 13;
    static final int OUT_OPSET = 16;

    private GradientGraphBuilder() {
    }

    /** The gradient model of a classifier's ONNX bytes with the default rules. */
    public static GradientModel build(byte[] model) throws UnsupportedGradientException {
        return build(model, Map.of());
    }

    /** The gradient model with some backward rules replaced (for example ReLU's, for guided backpropagation). */
    public static GradientModel build(byte[] modelBytes, Map<String, BackwardRule> overrides)
            throws UnsupportedGradientException {
        return build(modelBytes, overrides, List.of());
    }

    /**
     * The gradient model that also outputs, for each of {@code innerValues} (forward values that depend on the
     * input, such as {@link GradientModel#spatialValues()}), its activation and the objective's gradient with
     * respect to it: what Grad-CAM needs.
     */
    public static GradientModel build(byte[] modelBytes, Map<String, BackwardRule> overrides, List<String> innerValues)
            throws UnsupportedGradientException {
        return build(modelBytes, overrides, innerValues, Set.of());
    }

    /**
     * The gradient model in which the initializers named in {@code weightInputs} become graph inputs (of the
     * gradient graph and of the logits model), fed at every run ({@link GradientSession#setWeights}): the graph then
     * follows weights that change, as during training, without being built again.
     */
    public static GradientModel build(byte[] modelBytes, Map<String, BackwardRule> overrides, List<String> innerValues,
                                      Set<String> weightInputs) throws UnsupportedGradientException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(modelBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UnsupportedGradientException("not an ONNX model: " + e.getMessage(), e);
        }
        long opset = defaultOpset(model);
        if (opset < MIN_OPSET) {
            throw new UnsupportedGradientException("the model uses opset " + opset + "; the gradient engine needs"
                    + " opset " + MIN_OPSET + " or later (re-export with opset_version=" + MIN_OPSET + ")");
        }
        ForwardGraph fg = ForwardGraph.of(model, weightInputs);
        Map<String, BackwardRule> rules = BackwardRules.with(overrides);
        for (NodeProto n : fg.needed) {
            if (fg.isActiveNode(n) && ruleFor(n, rules) == null) {
                throw new UnsupportedGradientException("no backward rule for " + OnnxProtos.describe(n));
            }
        }
        ModelProto forward = fg.logitsModel();
        ShapeProbe.Result probe;
        try {
            probe = ShapeProbe.run(forward, fg.input.getName(), fg.probeShape(), 0.5f, fg.dependent);
        } catch (OrtException | RuntimeException e) {
            throw new UnsupportedGradientException("ONNX Runtime cannot run the model: " + e.getMessage(), e);
        }
        long[] logitShape = probe.shape(fg.logits);
        if (logitShape == null || logitShape.length != 2) {
            throw new UnsupportedGradientException("the logits '" + fg.logits + "' are not a [batch, classes] matrix");
        }
        int classes = (int) logitShape[1];
        BackwardContext ctx = backward(fg, rules, probe, innerValues);
        long fixedBatch = fg.fixedBatch();
        GraphProto.Builder out = fg.graph.toBuilder().clearNode().addAllNode(fg.needed)
                .addAllNode(ctx.emittedNodes()).addAllInitializer(ctx.emittedInitializers()).clearOutput()
                .clearValueInfo()
                .addInput(matrix(GradientModel.CROSS_ENTROPY, fixedBatch, classes))
                .addInput(matrix(GradientModel.LOGIT_WEIGHTS, fixedBatch, classes))
                .addOutput(matrix(GradientModel.LOGITS, fixedBatch, classes))
                .addOutput(ValueInfoProto.newBuilder().setName(GradientModel.INPUT_GRADIENT)
                        .setType(fg.input.getType()));
        for (String v : innerValues) {
            out.addOutput(ValueInfoProto.newBuilder().setName(GradientModel.innerOutput(v)));
            out.addOutput(ValueInfoProto.newBuilder().setName(GradientModel.innerGradientOutput(v)));
        }
        ModelProto.Builder result = model.toBuilder().setGraph(out).clearOpsetImport();
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            boolean defaultDomain = o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx");
            result.addOpsetImport(defaultDomain ? o.toBuilder().setVersion(Math.max(OUT_OPSET, o.getVersion())).build()
                    : o);
        }
        ModelProto logitsModel = forward.toBuilder().setGraph(forward.getGraph().toBuilder().clearOutput()
                .addOutput(matrix(fg.logits, fixedBatch, classes))).build();
        if (!fg.weights.isEmpty()) {
            result.setGraph(WeightInputs.asInputs(result.getGraph(), fg.weights));
            logitsModel = logitsModel.toBuilder().setGraph(WeightInputs.asInputs(logitsModel.getGraph(), fg.weights))
                    .build();
        }
        return new GradientModel(result.build().toByteArray(), logitsModel.toByteArray(), fg.input.getName(),
                java.util.Arrays.copyOfRange(fg.dims, 1, fg.dims.length), fixedBatch, classes, fg.softmax != null,
                fg.layers(probe), fg.spatialValues(probe), innerValues, fg.lastConvolution(),
                WeightInputs.dims(fg.weights));
    }

    /**
     * Emits the objective head and, from the last needed node to the first, the backward nodes of every node that
     * depends on the input, then the outputs: the input gradient, the logits and the inner values.
     */
    private static BackwardContext backward(ForwardGraph fg, Map<String, BackwardRule> rules,
                                            ShapeProbe.Result probe, List<String> innerValues)
            throws UnsupportedGradientException {
        BackwardContext ctx = new BackwardContext(fg.constants, probe, fg.active, fg.usedNames(),
                WeightInputs.dims(fg.weights));
        ctx.addGradient(fg.logits, ObjectiveHead.emit(fg.logits, ctx));
        for (int i = fg.needed.size() - 1; i >= 0; i--) {
            NodeProto n = fg.needed.get(i);
            if (!fg.isActiveNode(n) || n.getOutputList().stream().allMatch(o -> ctx.gradient(o) == null)) {
                continue;
            }
            try {
                ruleFor(n, rules).backward(n, ctx);
            } catch (RuntimeException e) {
                throw new UnsupportedGradientException(OnnxProtos.describe(n) + ": " + e.getMessage(), e);
            }
        }
        String inputGradient = ctx.gradient(fg.input.getName());
        if (inputGradient == null) {
            throw new UnsupportedGradientException("no gradient reaches the input");
        }
        ctx.emit("Identity", List.of(inputGradient), List.of(GradientModel.INPUT_GRADIENT));
        ctx.emit("Identity", List.of(fg.logits), List.of(GradientModel.LOGITS));
        for (String v : innerValues) {
            if (!fg.active.contains(v)) {
                throw new UnsupportedGradientException("'" + v + "' is not a value of the model that depends on its"
                        + " input");
            }
            ctx.emit("Identity", List.of(v), List.of(GradientModel.innerOutput(v)));
            ctx.emit("Identity", List.of(ctx.gradientOrZeros(v)), List.of(GradientModel.innerGradientOutput(v)));
        }
        return ctx;
    }

    private static BackwardRule ruleFor(NodeProto n, Map<String, BackwardRule> rules) {
        boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
        return defaultDomain ? rules.get(n.getOpType()) : null;
    }

    static long defaultOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return 0;
    }

    private static ValueInfoProto matrix(String name, long batch, int classes) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(batch > 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(batch)
                : TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(classes));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
