package org.advlens.model.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;
import org.advlens.model.onnx.OnnxFixtures;
import org.advlens.model.onnx.OnnxProtos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Weights fed as graph inputs: the gradient graph follows weights that change (as during training) and gives what
 * a graph built with those weights as constants gives, for models with convolutions, batch normalisation, residual
 * sums and dense layers.
 */
class WeightInputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain_cnn", "resnet_block", "bn_pool", "fashion_cnn"})
    void changedWeightsGiveTheGradientsOfAGraphBuiltWithThem(String name) throws Exception {
        // given a fixture, its float initializers, and the same weights changed
        byte[] bytes = OnnxFixtures.bytes(name + ".onnx");
        ModelProto model = ModelProto.parseFrom(bytes);
        Map<String, float[]> original = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                original.put(t.getName(), OnnxProtos.floats(t));
            }
        }
        Map<String, float[]> changed = new HashMap<>();
        original.forEach((k, v) -> {
            float[] c = v.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i] * 1.1f + (k.contains("var") || k.contains("running") ? 0.05f : 0.01f);
            }
            changed.put(k, c);
        });
        ModelProto.Builder rebuilt = model.toBuilder();
        rebuilt.getGraphBuilder().clearInitializer();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            rebuilt.getGraphBuilder().addInitializer(changed.containsKey(t.getName())
                    ? OnnxProtos.floatTensor(t.getName(), OnnxProtos.dims(t), changed.get(t.getName())) : t);
        }
        GradientModel reference = GradientGraphBuilder.build(rebuilt.build().toByteArray());
        GradientModel following = GradientGraphBuilder.build(bytes, Map.of(), List.of(), original.keySet());
        OnnxFixtures.Expected e = OnnxFixtures.expected(name);
        int n = (int) e.input().size(0);
        float[] x = e.input().dup('c').data().asFloat();
        float[] w = e.weights().dup('c').data().asFloat();
        try (GradientSession fixed = GradientSession.open(reference, 1);
             GradientSession live = GradientSession.open(following, 1)) {
            // when the weight-input graph is fed the original weights, then the changed ones
            live.setWeights(original);
            GradientSession.Output before = live.run(x, n, null, w);
            live.setWeights(changed);
            GradientSession.Output after = live.run(x, n, null, w);
            GradientSession.Output expected = fixed.run(x, n, null, w);
            // then it gives first the fixture's gradient, then that of the graph built with the changed weights
            assertTrue(OnnxFixtures.relativeError(org.nd4j.linalg.factory.Nd4j.create(before.inputGradient(),
                    e.input().shape(), 'c'), e.logitGradient()) < 1e-4, "original weights");
            assertClose(expected.logits(), after.logits());
            assertClose(expected.inputGradient(), after.inputGradient());
            assertTrue(!java.util.Arrays.equals(before.inputGradient(), after.inputGradient()));
        }
        // and the logits model takes the same weight inputs
        try (var forward = org.advlens.model.onnx.OnnxRuntimeForward.open(following.logitsModel(),
                following.weightInputs().keySet())) {
            for (Map.Entry<String, long[]> d : following.weightInputs().entrySet()) {
                forward.setWeight(d.getKey(), changed.get(d.getKey()), d.getValue());
            }
            GradientSession.Output expected;
            try (GradientSession fixed = GradientSession.open(reference, 1)) {
                expected = fixed.run(x, n, null, w);
            }
            assertClose(expected.logits(), forward.run(e.input()).dup('c').data().asFloat());
        }
    }

    @org.junit.jupiter.api.Test
    void unknownOrMissingWeightsAreClearErrors() throws Exception {
        byte[] bytes = OnnxFixtures.bytes("plain_cnn.onnx");
        UnsupportedGradientException e = assertThrows(UnsupportedGradientException.class,
                () -> GradientGraphBuilder.build(bytes, Map.of(), List.of(), Set.of("no_such_weight")));
        assertTrue(e.getMessage().contains("'no_such_weight' is not an initializer"), e.getMessage());
        Set<String> names = ModelProto.parseFrom(bytes).getGraph().getInitializerList().stream()
                .map(TensorProto::getName).collect(Collectors.toSet());
        GradientModel following = GradientGraphBuilder.build(bytes, Map.of(), List.of(), names);
        try (GradientSession live = GradientSession.open(following, 1)) {
            float[] x = new float[(int) java.util.Arrays.stream(following.inputDims()).reduce(1, (a, b) -> a * b)];
            IllegalStateException missing = assertThrows(IllegalStateException.class,
                    () -> live.run(x, 1, null, new float[following.numClasses()]));
            assertTrue(missing.getMessage().contains("must be set before a run"), missing.getMessage());
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        double scale = 1e-6;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, (float) (1e-4 * scale));
    }
}
