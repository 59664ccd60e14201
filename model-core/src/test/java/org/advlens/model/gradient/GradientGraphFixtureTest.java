package org.advlens.model.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.model.onnx.OnnxFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gradient engine on every ONNX fixture written by PyTorch ({@code make_onnx_fixtures.py}): logits and the
 * input gradients of the summed cross-entropy and of a weighted logit sum, in one ONNX Runtime run, against
 * PyTorch's own autograd.
 */
class GradientGraphFixtureTest {

    private static final Logger LOG = LoggerFactory.getLogger(GradientGraphFixtureTest.class);
    private static final double TOLERANCE = 1e-4;

    /** Fixtures with an op form the engine declines; the classifier falls back for them. */
    static final List<String> DECLINED = List.of("padded");

    static List<String> supported() {
        return OnnxFixtures.MODELS.stream().filter(m -> !DECLINED.contains(m)).toList();
    }

    @ParameterizedTest
    @MethodSource("supported")
    void gradientsMatchPyTorch(String name) throws Exception {
        // given a fixture and PyTorch's logits and input gradients
        OnnxFixtures.Expected e = OnnxFixtures.expected(name);
        GradientModel model = GradientGraphBuilder.build(OnnxFixtures.bytes(name + ".onnx"));
        int n = (int) e.input().size(0);
        float[] x = e.input().dup('c').data().asFloat();
        float[] oneHot = new float[n * model.numClasses()];
        for (int i = 0; i < n; i++) {
            oneHot[i * model.numClasses() + e.labels()[i]] = 1f;
        }
        try (GradientSession session = GradientSession.open(model, 1)) {
            // when the engine computes them in one run each
            GradientSession.Output ce = session.run(x, n, oneHot, null);
            GradientSession.Output weighted = session.run(x, n, null, e.weights().dup('c').data().asFloat());
            // then they agree with PyTorch
            double logits = OnnxFixtures.relativeError(matrix(ce.logits(), n), e.logits());
            double loss = OnnxFixtures.relativeError(like(ce.inputGradient(), e.lossGradient()), e.lossGradient());
            double logit = OnnxFixtures.relativeError(like(weighted.inputGradient(), e.logitGradient()),
                    e.logitGradient());
            LOG.info("{}: relative error vs PyTorch: logits {}, cross-entropy gradient {}, logit gradient {}", name,
                    logits, loss, logit);
            assertEquals(e.logits().size(1), model.numClasses());
            assertTrue(logits < TOLERANCE, name + ": logits off by " + logits);
            assertTrue(loss < TOLERANCE, name + ": cross-entropy gradient off by " + loss);
            assertTrue(logit < TOLERANCE, name + ": logit gradient off by " + logit);
        }
    }

    private static INDArray matrix(float[] v, int n) {
        return Nd4j.create(v, new long[] {n, v.length / n}, 'c');
    }

    private static INDArray like(float[] v, INDArray shape) {
        return Nd4j.create(v, shape.shape(), 'c');
    }
}
