package org.advlens.model.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.ModelProto;
import org.advlens.model.onnx.OnnxProtos;
import org.advlens.model.onnx.RuntimeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each backward rule against central finite differences of ONNX Runtime's own forward pass: a tiny classifier
 * around one op form ({@link TinyOnnxGraphs}), a seeded batch, and the engine's input gradients of a weighted
 * logit sum and of the cross-entropy compared coordinate by coordinate. Piecewise-linear ops (ReLU, clipping, max
 * pooling) get inputs kept away from their kinks, and a coordinate whose one-sided differences still disagree is
 * skipped. Op forms the engine does not cover must be refused with a message that names them.
 */
class BackwardRuleTest {

    private static final Logger LOG = LoggerFactory.getLogger(BackwardRuleTest.class);

    /** Not the shape probe's batch of 2, so that a rule that keeps the probe's batch size fails. */
    private static final int BATCH = 3;
    private static final int CLASSES = 3;
    /** The finite-difference step; the inputs of piecewise-linear cases stay further than this from any kink. */
    private static final double STEP = 5e-3;
    /** Allowed difference, relative to the gradient's largest magnitude. */
    private static final double TOLERANCE = 1e-2;

    // ---- the op forms with a rule -------------------------------------------------------------------------

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // linear layers
        c.add(smooth("Conv stride 1, pads 1 (flipped kernel)", dims(2, 6, 6), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 3, 2, 3, 3), g.weights(1, 3)), ints("pads", 1, 1, 1, 1),
                ints("kernel_shape", 3, 3))));
        c.add(smooth("Conv even kernel without bias", dims(2, 5, 5), g -> g.op("Conv",
                List.of(g.x(), g.weights(8, 4, 2, 2, 2)))));
        c.add(smooth("Conv stride 2, pads 1 (transposed convolution)", dims(2, 6, 6), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 3, 2, 3, 3), g.weights(1, 3)), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1))));
        c.add(smooth("Conv stride 2, asymmetric pads", dims(2, 7, 6), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 3, 2, 3, 3), g.weights(1, 3)), ints("strides", 2, 2),
                ints("pads", 0, 1, 1, 0))));
        c.add(smooth("Conv 1x1 with pads 2 (pads past the kernel)", dims(2, 4, 4), g -> g.op("Conv",
                List.of(g.x(), g.weights(2, 3, 2, 1, 1), g.weights(1, 3)), ints("pads", 2, 2, 2, 2))));
        c.add(smooth("Conv group 2", dims(4, 5, 5), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 6, 2, 3, 3), g.weights(1, 6)), OnnxProtos.intAttr("group", 2),
                ints("pads", 1, 1, 1, 1))));
        c.add(smooth("Conv group 2, stride 2", dims(4, 6, 6), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 6, 2, 3, 3)), OnnxProtos.intAttr("group", 2), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1))));
        c.add(smooth("Conv depthwise", dims(3, 5, 5), g -> g.op("Conv",
                List.of(g.x(), g.weights(9, 3, 1, 3, 3)), OnnxProtos.intAttr("group", 3), ints("pads", 1, 1, 1, 1))));
        c.add(smooth("Conv dilation 2", dims(2, 7, 7), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 3, 2, 3, 3), g.weights(1, 3)), ints("dilations", 2, 2),
                ints("pads", 1, 1, 1, 1))));
        c.add(smooth("Conv dilation 2, stride 2", dims(2, 8, 8), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 3, 2, 3, 3)), ints("dilations", 2, 2), ints("strides", 2, 2),
                ints("pads", 2, 2, 2, 2))));
        c.add(smooth("Conv auto_pad SAME_UPPER, stride 2", dims(2, 6, 6), g -> g.op("Conv",
                List.of(g.x(), g.weights(18, 3, 2, 3, 3), g.weights(1, 3)), OnnxProtos.stringAttr("auto_pad",
                        "SAME_UPPER"), ints("strides", 2, 2), ints("kernel_shape", 3, 3))));
        c.add(smooth("Conv auto_pad SAME_LOWER, stride 1", dims(2, 5, 5), g -> g.op("Conv",
                List.of(g.x(), g.weights(8, 3, 2, 2, 2)), OnnxProtos.stringAttr("auto_pad", "SAME_LOWER"))));
        c.add(smooth("ConvTranspose stride 2, pads 1, output_padding 1", dims(3, 3, 3), g -> g.op("ConvTranspose",
                List.of(g.x(), g.weights(27, 3, 2, 3, 3), g.weights(1, 2)), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1), ints("output_padding", 1, 1))));
        c.add(smooth("ConvTranspose group 2", dims(4, 3, 3), g -> g.op("ConvTranspose",
                List.of(g.x(), g.weights(18, 4, 1, 3, 3)), OnnxProtos.intAttr("group", 2))));
        c.add(smooth("Gemm transB=1, alpha 0.7, beta 0.3", dims(6), g -> g.op("Gemm",
                List.of(g.x(), g.weights(6, 5, 6), g.weights(1, 5)), OnnxProtos.intAttr("transB", 1),
                OnnxProtos.floatAttr("alpha", 0.7f), OnnxProtos.floatAttr("beta", 0.3f))));
        c.add(smooth("Gemm transB=0", dims(6), g -> g.op("Gemm", List.of(g.x(), g.weights(6, 6, 5),
                g.weights(1, 5)))));
        c.add(smooth("MatMul of the flattened input", dims(2, 3), g -> g.op("MatMul",
                List.of(g.op("Flatten", g.x()), g.weights(6, 6, 5)))));
        c.add(smooth("MatMul batched [N,3,4] x [4,5]", dims(3, 4), g -> g.op("MatMul",
                List.of(g.x(), g.weights(4, 4, 5)))));
        c.add(smooth("MatMul of two active tensors", dims(3, 4), g -> g.op("MatMul",
                List.of(g.x(), g.op("Transpose", g.x(), ints("perm", 0, 2, 1))))));
        // activations
        c.add(kinked("Relu", dims(2, 3, 3), awayFrom(0), g -> g.op("Relu", g.x())));
        c.add(kinked("LeakyRelu alpha 0.1", dims(2, 3, 3), awayFrom(0), g -> g.op("LeakyRelu", g.x(),
                OnnxProtos.floatAttr("alpha", 0.1f))));
        c.add(smooth("Sigmoid", dims(2, 3, 3), scaled(2), g -> g.op("Sigmoid", g.x())));
        c.add(smooth("Tanh", dims(2, 3, 3), scaled(2), g -> g.op("Tanh", g.x())));
        c.add(smooth("Softmax over axis 1 of a 4-D tensor", dims(3, 2, 2), scaled(2), g -> g.op("Softmax", g.x(),
                OnnxProtos.intAttr("axis", 1))));
        c.add(smooth("Softmax over the last axis (default)", dims(2, 4), scaled(2), g -> g.op("Softmax", g.x())));
        c.add(smooth("LogSoftmax", dims(2, 4), scaled(2), g -> g.op("LogSoftmax", g.x())));
        c.add(smooth("LogSoftmax over axis 1 of a 4-D tensor", dims(3, 2, 2), scaled(2), g -> g.op("LogSoftmax",
                g.x(), OnnxProtos.intAttr("axis", 1))));
        c.add(kinked("Clip with min and max inputs", dims(2, 3, 3), awayFrom(-0.5f, 0.6f), g -> g.op("Clip",
                List.of(g.x(), g.scalar(-0.5f), g.scalar(0.6f)))));
        c.add(kinked("Clip with a min input only", dims(2, 3, 3), awayFrom(-0.3f), g -> g.op("Clip",
                List.of(g.x(), g.scalar(-0.3f)))));
        c.add(kinked("Clip with a max input only", dims(2, 3, 3), awayFrom(0.2f), g -> g.op("Clip",
                List.of(g.x(), "", g.scalar(0.2f)))));
        // pooling
        c.add(kinked("MaxPool 2x2 stride 2", dims(2, 6, 6), distinct(), g -> g.op("MaxPool", g.x(),
                ints("kernel_shape", 2, 2), ints("strides", 2, 2))));
        c.add(kinked("MaxPool 3x3 stride 2 pads 1 (overlapping windows)", dims(2, 7, 7), distinct(), g ->
                g.op("MaxPool", g.x(), ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1))));
        c.add(kinked("MaxPool ceil_mode 1", dims(2, 5, 5), distinct(), g -> g.op("MaxPool", g.x(),
                ints("kernel_shape", 2, 2), ints("strides", 2, 2), OnnxProtos.intAttr("ceil_mode", 1))));
        c.add(kinked("MaxPool 3x3 stride 1 auto_pad SAME_UPPER", dims(2, 4, 4), distinct(), g -> g.op("MaxPool",
                g.x(), ints("kernel_shape", 3, 3), OnnxProtos.stringAttr("auto_pad", "SAME_UPPER"))));
        c.add(smooth("AveragePool 2x2 stride 2", dims(2, 6, 6), g -> g.op("AveragePool", g.x(),
                ints("kernel_shape", 2, 2), ints("strides", 2, 2))));
        c.add(smooth("AveragePool 3x3 stride 2 pads 1, count_include_pad 0", dims(2, 7, 7), g -> g.op(
                "AveragePool", g.x(), ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1),
                OnnxProtos.intAttr("count_include_pad", 0))));
        c.add(smooth("AveragePool 3x3 stride 2 pads 1, count_include_pad 1", dims(2, 6, 6), g -> g.op(
                "AveragePool", g.x(), ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1),
                OnnxProtos.intAttr("count_include_pad", 1))));
        c.add(smooth("AveragePool 3x3 stride 2 pads 1, ceil_mode 1", dims(2, 6, 6), g -> g.op("AveragePool",
                g.x(), ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1),
                OnnxProtos.intAttr("ceil_mode", 1))));
        c.add(smooth("GlobalAveragePool", dims(3, 4, 4), g -> g.op("GlobalAveragePool", g.x())));
        c.add(kinked("GlobalMaxPool", dims(3, 4, 4), distinct(), g -> g.op("GlobalMaxPool", g.x())));
        // arithmetic
        c.add(smooth("BatchNormalization (inference)", dims(3, 4, 4), g -> g.op("BatchNormalization",
                List.of(g.x(), g.uniform(0.5f, 2f, 3), g.uniform(-1f, 1f, 3), g.uniform(-0.5f, 0.5f, 3),
                        g.uniform(0.5f, 2f, 3)), OnnxProtos.floatAttr("epsilon", 1e-3f))));
        c.add(smooth("Add of a broadcast constant [1,C,1,1]", dims(3, 3, 3), g -> g.op("Tanh",
                g.op("Add", List.of(g.x(), g.uniform(-1f, 1f, 1, 3, 1, 1))))));
        c.add(smooth("Add of two active tensors", dims(2, 3, 3), g -> g.op("Add",
                List.of(g.x(), g.op("Tanh", g.x())))));
        c.add(smooth("Add of an active [N,C,1,1] broadcast over [N,C,H,W]", dims(3, 3, 3), g -> g.op("Add",
                List.of(g.op("Tanh", g.x()), g.op("GlobalAveragePool", g.x())))));
        c.add(smooth("Mul of an active [N,C,1,1] broadcast over [N,C,H,W] (squeeze-excitation)", dims(3, 3, 3),
                g -> g.op("Mul", List.of(g.x(), g.op("Sigmoid", g.op("GlobalAveragePool", g.x()))))));
        c.add(smooth("Sub of two active tensors", dims(2, 3, 3), g -> g.op("Sub",
                List.of(g.x(), g.op("Sigmoid", g.x())))));
        c.add(smooth("Sub of an active tensor from a constant", dims(2, 3, 3), g -> g.op("Tanh",
                g.op("Sub", List.of(g.uniform(-1f, 1f, 1, 2, 1, 3), g.x())))));
        c.add(smooth("Mul of two active tensors", dims(2, 3, 3), g -> g.op("Mul",
                List.of(g.x(), g.op("Tanh", g.x())))));
        c.add(smooth("Mul by a broadcast constant", dims(2, 3, 3), g -> g.op("Mul",
                List.of(g.uniform(-2f, 2f, 2, 1, 3), g.x()))));
        c.add(smooth("Div of two active tensors", dims(2, 3, 3), g -> g.op("Div", List.of(g.op("Tanh", g.x()),
                g.op("Add", List.of(g.op("Sigmoid", g.x()), g.scalar(0.5f)))))));
        c.add(smooth("Div by a constant", dims(2, 3, 3), g -> g.op("Div",
                List.of(g.x(), g.uniform(0.5f, 2f, 1, 3, 1)))));
        c.add(smooth("Neg", dims(2, 3, 3), g -> g.op("Tanh", g.op("Neg", g.x()))));
        // shapes
        c.add(smooth("Reshape", dims(2, 3, 4), g -> g.op("Softmax", g.op("Reshape",
                List.of(g.x(), g.longs(0, 6, -1))))));
        c.add(smooth("Flatten", dims(2, 3, 4), g -> g.op("Softmax", g.op("Flatten", g.x()))));
        c.add(smooth("Transpose", dims(2, 3, 4), g -> g.op("Softmax", g.op("Transpose", g.x(),
                ints("perm", 0, 2, 3, 1)))));
        c.add(smooth("Squeeze and Unsqueeze", dims(2, 1, 5), g -> g.op("Softmax", g.op("Unsqueeze",
                List.of(g.op("Squeeze", List.of(g.x(), g.longs(2))), g.longs(1))))));
        c.add(smooth("Concat of two active tensors along channels", dims(2, 3, 3), g -> g.op("Concat",
                List.of(g.x(), g.op("Tanh", g.x())), OnnxProtos.intAttr("axis", 1))));
        c.add(smooth("Split along channels, both outputs used", dims(3, 4, 4), g -> {
            List<String> parts = g.ops("Split", List.of(g.x(), g.longs(1, 2)), 2, OnnxProtos.intAttr("axis", 1));
            return g.op("Mul", parts);
        }));
        c.add(smooth("Split along channels, one output unused", dims(4, 3, 3), g -> g.op("Tanh",
                g.ops("Split", List.of(g.x()), 2, OnnxProtos.intAttr("axis", 1)).get(1))));
        c.add(smooth("Slice of channels and columns with negative starts", dims(4, 5, 6), g -> g.op("Softmax",
                g.op("Slice", List.of(g.x(), g.longs(1, -4), g.longs(3, 100), g.longs(1, -1))))));
        c.add(smooth("Slice of every axis with negative ends", dims(3, 5, 6), g -> g.op("Tanh", g.op("Slice",
                List.of(g.x(), g.longs(0, 1, 0, 1), g.longs(Long.MAX_VALUE, Long.MAX_VALUE, -1, -2))))));
        c.add(smooth("Pad constant", dims(2, 3, 3), g -> g.op("Softmax", g.op("Pad",
                List.of(g.x(), g.longs(0, 0, 1, 2, 0, 0, 2, 1), g.scalar(0.5f))))));
        c.add(smooth("Identity", dims(2, 3, 3), g -> g.op("Tanh", g.op("Identity", g.x()))));
        c.add(smooth("Dropout (inference, ratio and training_mode false)", dims(2, 3, 3), g -> g.op("Tanh",
                g.op("Dropout", List.of(g.x(), g.scalar(0.5f), g.bool(false))))));
        c.add(smooth("Dropout (inference, data only)", dims(2, 3, 3), g -> g.op("Tanh", g.op("Dropout", g.x()))));
        c.add(smooth("Cast to float", dims(2, 3, 3), g -> g.op("Tanh", g.op("Cast", g.x(),
                OnnxProtos.intAttr("to", onnx.Onnx.TensorProto.DataType.FLOAT_VALUE)))));
        // whole models
        c.add(new Case("a final Softmax is stripped", dims(2, 3, 3), uniform(), false, true, 13,
                g -> g.op("Tanh", g.x())));
        c.add(new Case("opset 17: Conv, Relu, MaxPool", dims(2, 6, 6), uniform(), true, false, 17,
                g -> g.op("MaxPool", g.op("Relu", g.op("Conv", List.of(g.x(), g.weights(18, 3, 2, 3, 3),
                        g.weights(1, 3)), ints("pads", 1, 1, 1, 1))), ints("kernel_shape", 2, 2),
                        ints("strides", 2, 2))));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c) throws Exception {
        // given a tiny classifier around the op, a seeded batch, logit weights and one-hot labels
        Models models = c.models();
        GradientModel model = GradientGraphBuilder.build(models.model());
        assertEquals(CLASSES, model.numClasses());
        assertEquals(c.finalSoftmax(), model.softmaxStripped());
        Random random = new Random(c.name().hashCode());
        int size = (int) Arrays.stream(c.dims()).reduce(1, (a, b) -> a * b);
        float[] x = c.inputs().draw(random, BATCH, size);
        float[] weights = new float[BATCH * CLASSES];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[BATCH];
        float[] oneHot = new float[BATCH * CLASSES];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = random.nextInt(CLASSES);
            oneHot[i * CLASSES + labels[i]] = 1f;
        }
        try (GradientSession engine = GradientSession.open(model, 1);
             OnnxFiniteDifferences forward = new OnnxFiniteDifferences(models.reference(), c.dims(), CLASSES, STEP)) {
            // when the engine computes both gradients, and ONNX Runtime the logits around x along every coordinate
            GradientSession.Output weighted = engine.run(x, BATCH, null, weights);
            GradientSession.Output crossEntropy = engine.run(x, BATCH, oneHot, null);
            OnnxFiniteDifferences.Differences d = forward.differences(x, size,
                    (z, at, image) -> weightedSum(z, at, image, weights),
                    (z, at, image) -> crossEntropy(z, at, image, labels));

            // then the logits are the model's, and both gradients agree with central differences
            assertEquals(x.length, weighted.inputGradient().length, "the weighted-logit gradient's size");
            assertEquals(x.length, crossEntropy.inputGradient().length, "the cross-entropy gradient's size");
            double logitScale = maxAbs(d.logits());
            for (int i = 0; i < d.logits().length; i++) {
                assertEquals(d.logits()[i], weighted.logits()[i], 1e-4 * (1 + logitScale), "logit " + i);
            }
            boolean[] kink = c.kinks() ? d.kinks(0, TOLERANCE / 2 * maxAbs(weighted.inputGradient()))
                    : new boolean[x.length];
            int skipped = 0;
            for (boolean k : kink) {
                skipped += k ? 1 : 0;
            }
            assertTrue(skipped <= x.length / 10, c.name() + ": " + skipped + " of " + x.length
                    + " coordinates sit on kinks");
            double worstWeighted = assertClose(c.name() + ", weighted logits", weighted.inputGradient(), d.central(0),
                    kink);
            double worstCrossEntropy = assertClose(c.name() + ", cross-entropy", crossEntropy.inputGradient(),
                    d.central(1), kink);
            LOG.info("{}: {} of {} coordinates compared; worst relative difference {} (weighted logits), {}"
                    + " (cross-entropy)", c.name(), x.length - skipped, x.length, worstWeighted, worstCrossEntropy);
        }
    }

    @Test
    void everyRuleHasACase() throws Exception {
        // given the op types in the models of all cases
        Set<String> covered = new TreeSet<>();
        for (Case c : cases()) {
            ModelProto.parseFrom(c.models().model()).getGraph().getNodeList()
                    .forEach(n -> covered.add(n.getOpType()));
        }
        // when they are set against the registry
        Set<String> missing = new TreeSet<>(BackwardRules.supportedOps());
        missing.removeAll(covered);
        // then every op with a backward rule is checked against finite differences
        assertTrue(missing.isEmpty(), "backward rules without a finite-difference case: " + missing);
    }

    // ---- the op forms without a rule ----------------------------------------------------------------------

    static List<Refusal> refusals() {
        return List.of(
                new Refusal("an op without a rule (Sin)", () -> head(TinyOnnxGraphs.input(1, 2, 3, 3),
                        g -> g.op("Sin", g.x())), "no backward rule for Sin"),
                new Refusal("an op without a rule (LSTM)", () -> head(TinyOnnxGraphs.input(2, 3, 4), g -> g.op(
                        "Flatten", g.ops("LSTM", List.of(g.op("Transpose", g.x(), ints("perm", 1, 0, 2)),
                                g.weights(4, 1, 8, 4), g.weights(2, 1, 8, 2)), 1,
                                OnnxProtos.intAttr("hidden_size", 2)).get(0))), "no backward rule for LSTM"),
                new Refusal("Pad mode reflect", () -> classifier(TinyOnnxGraphs.input(3, 2, 3, 3), g -> g.op("Pad",
                        List.of(g.x(), g.longs(0, 0, 1, 1, 0, 0, 1, 1)), OnnxProtos.stringAttr("mode", "reflect"))),
                        "pads in mode 'reflect'"),
                new Refusal("Slice with step 2", () -> classifier(TinyOnnxGraphs.input(4, 2, 4, 4), g -> g.op("Slice",
                        List.of(g.x(), g.longs(0), g.longs(4), g.longs(2), g.longs(2)))), "has step 2"),
                new Refusal("opset 11", () -> head(TinyOnnxGraphs.input(5, 2, 3, 3).opset(11),
                        g -> g.op("Relu", g.x())), "opset 11"),
                new Refusal("an op of a custom domain", () -> head(TinyOnnxGraphs.input(6, 2, 3, 3)
                        .domain("com.example.ops", 1), g -> g.opIn("com.example.ops", "Relu", List.of(g.x()), 1)
                        .get(0)), "no backward rule for com.example.ops.Relu"),
                new Refusal("two graph inputs", () -> head(TinyOnnxGraphs.input(7, 2, 3, 3)
                        .extraInput("y", 2, 3, 3), g -> g.op("Add", List.of(g.x(), "y"))),
                        "the model has 2 inputs; expected one"),
                new Refusal("Cast to double", () -> classifier(TinyOnnxGraphs.input(8, 2, 3, 3), g -> g.op("Cast",
                        g.op("Cast", g.x(), OnnxProtos.intAttr("to", onnx.Onnx.TensorProto.DataType.DOUBLE_VALUE)),
                        OnnxProtos.intAttr("to", onnx.Onnx.TensorProto.DataType.FLOAT_VALUE))),
                        "casts to a type other than float"),
                new Refusal("Dropout in training mode", () -> classifier(TinyOnnxGraphs.input(9, 2, 3, 3),
                        g -> g.op("Dropout", List.of(g.x(), g.scalar(0.5f), g.bool(true)))),
                        "runs in training mode"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void unsupportedFormIsRefusedByName(Refusal r) throws Exception {
        // given a model with an op form no rule covers
        byte[] model = r.model().bytes();
        // when the engine builds its gradient graph
        UnsupportedGradientException e = assertThrows(UnsupportedGradientException.class,
                () -> GradientGraphBuilder.build(model));
        // then it refuses, saying why
        assertTrue(e.getMessage().contains(r.message()), "message: " + e.getMessage());
    }

    // ---- cases, models and inputs -------------------------------------------------------------------------

    /**
     * One op form.
     *
     * @param dims the input's dimensions after the batch
     * @param kinks whether the model is piecewise linear, so that coordinates on a kink are skipped
     * @param finalSoftmax whether the model ends in a Softmax that the engine must cut off
     * @param body adds the nodes under test after the input and returns the value the head classifies
     */
    record Case(String name, long[] dims, Inputs inputs, boolean kinks, boolean finalSoftmax, long opset,
                Function<TinyOnnxGraphs, String> body) {

        /** The model the engine differentiates, and the model whose logits the differences are taken of. */
        Models models() throws OrtException {
            TinyOnnxGraphs g = TinyOnnxGraphs.input(name.hashCode(), dims).opset(opset);
            String logits = withHead(g, body);
            byte[] reference = g.build(logits);
            return new Models(finalSoftmax ? g.build(g.op("Softmax", logits, OnnxProtos.intAttr("axis", 1)))
                    : reference, reference);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Models(byte[] model, byte[] reference) {
    }

    record Refusal(String name, ModelSource model, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Writes a model. */
    @FunctionalInterface
    interface ModelSource {
        byte[] bytes() throws OrtException;
    }

    /** Draws a batch of {@code n} inputs of {@code size} values each. */
    @FunctionalInterface
    interface Inputs {
        float[] draw(Random random, int n, int size);
    }

    private static Case smooth(String name, long[] dims, Function<TinyOnnxGraphs, String> body) {
        return smooth(name, dims, uniform(), body);
    }

    private static Case smooth(String name, long[] dims, Inputs inputs, Function<TinyOnnxGraphs, String> body) {
        return new Case(name, dims, inputs, false, false, 13, body);
    }

    private static Case kinked(String name, long[] dims, Inputs inputs, Function<TinyOnnxGraphs, String> body) {
        return new Case(name, dims, inputs, true, false, 13, body);
    }

    private static long[] dims(long... dims) {
        return dims;
    }

    private static AttributeProto ints(String name, long... values) {
        return OnnxProtos.ints(name, values);
    }

    /** The body followed by the Flatten and Gemm head; the head's width is measured on ONNX Runtime. */
    private static String withHead(TinyOnnxGraphs g, Function<TinyOnnxGraphs, String> body) throws OrtException {
        String features = body.apply(g);
        return g.logits(features, featureCount(g.build(features)), CLASSES);
    }

    /** A classifier whose head is never run: the engine refuses it before its probe run. */
    private static byte[] head(TinyOnnxGraphs g, Function<TinyOnnxGraphs, String> body) {
        String features = body.apply(g);
        return g.build(g.logits(features, 18, CLASSES));
    }

    /** A classifier that ONNX Runtime runs, with the head's width measured. */
    private static byte[] classifier(TinyOnnxGraphs g, Function<TinyOnnxGraphs, String> body) throws OrtException {
        return g.build(withHead(g, body));
    }

    private static long featureCount(byte[] model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = RuntimeOptions.create(1);
             OrtSession session = env.createSession(model, options)) {
            long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(TinyOnnxGraphs.INPUT).getInfo())
                    .getShape();
            long size = 1;
            for (int i = 1; i < shape.length; i++) {
                size *= shape[i];
            }
            shape[0] = 1;
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[(int) size]), shape);
                 OrtSession.Result r = session.run(Map.of(TinyOnnxGraphs.INPUT, x))) {
                return ((OnnxTensor) r.get(0)).getInfo().getNumElements();
            }
        }
    }

    private static Inputs uniform() {
        return scaled(1);
    }

    /** Uniform in {@code [-scale, scale)}. */
    private static Inputs scaled(float scale) {
        return (random, n, size) -> {
            float[] x = new float[n * size];
            for (int i = 0; i < x.length; i++) {
                x[i] = scale * (2 * random.nextFloat() - 1);
            }
            return x;
        };
    }

    /** Uniform in {@code [-1, 1)}, at least ten steps from every kink. */
    private static Inputs awayFrom(float... kinks) {
        return (random, n, size) -> {
            float[] x = new float[n * size];
            for (int i = 0; i < x.length; i++) {
                float v;
                do {
                    v = 2 * random.nextFloat() - 1;
                } while (near(v, kinks));
                x[i] = v;
            }
            return x;
        };
    }

    private static boolean near(float v, float[] kinks) {
        for (float k : kinks) {
            if (Math.abs(v - k) < 10 * STEP) {
                return true;
            }
        }
        return false;
    }

    /** Each image a shuffled grid of values six steps apart, so that no window holds a near-tie. */
    private static Inputs distinct() {
        return (random, n, size) -> {
            float[] x = new float[n * size];
            for (int s = 0; s < n; s++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    order.add(i);
                }
                java.util.Collections.shuffle(order, random);
                for (int i = 0; i < size; i++) {
                    x[s * size + i] = (float) ((order.get(i) - size / 2.0) * 6 * STEP);
                }
            }
            return x;
        };
    }

    // ---- finite differences -------------------------------------------------------------------------------

    private static double weightedSum(float[] z, int offset, int image, float[] weights) {
        double s = 0;
        for (int k = 0; k < CLASSES; k++) {
            s += (double) weights[image * CLASSES + k] * z[offset + k];
        }
        return s;
    }

    private static double crossEntropy(float[] z, int offset, int image, int[] labels) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CLASSES; k++) {
            max = Math.max(max, z[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < CLASSES; k++) {
            sum += Math.exp(z[offset + k] - max);
        }
        return Math.log(sum) + max - z[offset + labels[image]];
    }

    /** Asserts the gradients agree off the kinks and returns the largest difference relative to the scale. */
    private static double assertClose(String what, float[] engine, double[] central, boolean[] kink) {
        double scale = maxAbs(engine);
        assertTrue(scale > 1e-4, what + ": the engine's gradient is (nearly) zero, largest magnitude " + scale);
        List<String> off = new ArrayList<>();
        double worst = 0;
        for (int i = 0; i < engine.length; i++) {
            if (kink[i]) {
                continue;
            }
            double difference = Math.abs(engine[i] - central[i]);
            worst = Math.max(worst, difference / scale);
            if (difference > TOLERANCE * scale) {
                off.add("[" + i + "] engine " + engine[i] + " vs numeric " + (float) central[i]);
            }
        }
        assertTrue(off.isEmpty(), what + ": " + off.size() + " of " + engine.length + " coordinates off by more"
                + " than " + TOLERANCE + " x " + (float) scale + ": " + off.subList(0, Math.min(6, off.size())));
        return worst;
    }

    private static double maxAbs(float[] v) {
        double max = 0;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        return max;
    }
}
