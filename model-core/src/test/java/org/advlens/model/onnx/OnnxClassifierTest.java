package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.FiniteDifferences;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.runtime.OnnxClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ONNX fixture, loaded through {@link ModelLoader}, against PyTorch's own results (stored by
 * {@code make_onnx_fixtures.py}): logits from ONNX Runtime and from the SameDiff translation, the input gradients
 * of the cross-entropy and of a weighted logit sum, and finite differences of the double-precision translation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxClassifierTest {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxClassifierTest.class);
    private static final double TOLERANCE = 1e-4;

    /** Fixtures with an op form the gradient engine declines (a reflect Pad): they load on SameDiff. */
    private static final java.util.Set<String> OFF_ENGINE = java.util.Set.of("padded");

    private final Map<String, OnnxClassifier> loaded = new HashMap<>();
    private final Map<String, Classifier> engine = new HashMap<>();
    private Path dir;

    static Iterable<String> models() {
        return OnnxFixtures.MODELS;
    }

    @BeforeAll
    void loadAll() throws Exception {
        dir = Files.createTempDirectory("advlens-onnx-test");
        for (String name : OnnxFixtures.MODELS) {
            Path file = OnnxFixtures.copy(dir, name + ".onnx", name + ".onnx");
            loaded.put(name, (OnnxClassifier) ModelLoader.loadReference(file));
            engine.put(name, ModelLoader.load(file));
        }
    }

    @AfterAll
    void closeAll() throws Exception {
        loaded.values().forEach(Classifier::close);
        engine.values().forEach(Classifier::close);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static boolean nhwc(Classifier c) {
        return c.inputSpec().layout() == ChannelOrder.NHWC;
    }

    @ParameterizedTest
    @MethodSource("models")
    void loaderPutsEveryDifferentiableModelOnTheGradientEngine(String name) {
        // given a fixture loaded the normal way
        Classifier c = engine.get(name);
        // when its compute path is queried
        org.advlens.model.ComputePath path = c.computePath();
        LOG.info("{}: {}", name, path.describe());
        // then it is on the engine, or says why not
        if (OFF_ENGINE.contains(name)) {
            assertTrue(!path.onGradientEngine() && path.fallbackReason().contains("reflect"), path.describe());
        } else {
            assertTrue(path.onGradientEngine(), name + ": " + path.describe());
            assertTrue(c instanceof org.advlens.model.runtime.OnnxRuntimeClassifier);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void engineGradientsMatchPyTorch(String name) {
        // given a fixture on the gradient engine (or its fallback) and PyTorch's results
        Classifier c = engine.get(name);
        OnnxFixtures.Expected e = OnnxFixtures.expected(name);
        boolean nhwc = nhwc(c);
        INDArray x = e.pixels(nhwc);
        // when the engine computes logits and both input gradients
        double logits = OnnxFixtures.relativeError(c.logits(x), e.logits());
        double loss = OnnxFixtures.relativeError(c.lossGradient(x, e.labels()),
                e.gradientPixels(e.lossGradient(), nhwc));
        double weighted = OnnxFixtures.relativeError(c.logitGradient(x, e.weights()),
                e.gradientPixels(e.logitGradient(), nhwc));
        LOG.info("{}: engine vs PyTorch, relative error: logits {}, cross-entropy gradient {}, weighted {}", name,
                logits, loss, weighted);
        // then they agree
        assertTrue(logits < TOLERANCE, name + ": logits off by " + logits);
        assertTrue(loss < TOLERANCE, name + ": loss gradient off by " + loss);
        assertTrue(weighted < TOLERANCE, name + ": logit gradient off by " + weighted);
    }

    @ParameterizedTest
    @MethodSource("models")
    void logitsMatchPyTorchOnBothPaths(String name) {
        // given a fixture loaded by the model loader and PyTorch's logits for two inputs
        OnnxClassifier c = loaded.get(name);
        OnnxFixtures.Expected e = OnnxFixtures.expected(name);
        INDArray x = e.pixels(nhwc(c));
        // when both forward paths run
        double runtime = OnnxFixtures.relativeError(c.logits(x), e.logits());
        double graph = OnnxFixtures.relativeError(c.graphLogits(x), e.logits());
        LOG.info("{}: logits vs PyTorch, relative error: ONNX Runtime {}, SameDiff {}", name, runtime, graph);
        // then both agree with PyTorch
        assertEquals(ModelFormat.ONNX, c.info().format());
        assertTrue(c.usesRuntime(), name + " should run on ONNX Runtime");
        assertTrue(runtime < TOLERANCE, name + ": ONNX Runtime logits off by " + runtime);
        assertTrue(graph < TOLERANCE, name + ": SameDiff logits off by " + graph);
    }

    @ParameterizedTest
    @MethodSource("models")
    void inputGradientsMatchPyTorch(String name) {
        // given PyTorch's input gradients of the summed cross-entropy and of sum(w * logits)
        OnnxClassifier c = loaded.get(name);
        OnnxFixtures.Expected e = OnnxFixtures.expected(name);
        boolean nhwc = nhwc(c);
        INDArray x = e.pixels(nhwc);
        // when the classifier computes them from SameDiff
        double loss = OnnxFixtures.relativeError(c.lossGradient(x, e.labels()),
                e.gradientPixels(e.lossGradient(), nhwc));
        double weighted = OnnxFixtures.relativeError(c.logitGradient(x, e.weights()),
                e.gradientPixels(e.logitGradient(), nhwc));
        LOG.info("{}: input gradients vs PyTorch, relative error: cross-entropy {}, weighted logits {}", name, loss,
                weighted);
        // then they agree
        assertTrue(loss < TOLERANCE, name + ": loss gradient off by " + loss);
        assertTrue(weighted < TOLERANCE, name + ": logit gradient off by " + weighted);
    }

    @ParameterizedTest
    @MethodSource("models")
    void logitGradientMatchesFiniteDifferences(String name) throws Exception {
        // given the same model translated in double precision
        OnnxClassifier c = loaded.get(name);
        OnnxFixtures.Expected e = OnnxFixtures.expected(name);
        boolean nhwc = nhwc(c);
        DifferentiableGraph precise = OnnxGraphImporter.importGraph(OnnxFixtures.model(name),
                c.graph().inputShape(), DataType.DOUBLE);
        INDArray x = e.pixels(nhwc);
        INDArray w = e.weights();
        // when the weighted logit sum is differenced numerically at the largest and at random coordinates
        double worst = FiniteDifferences.compare(v -> precise.logits(nhwc ? v.permute(0, 2, 3, 1).dup('c') : v)
                        .mul(w.castTo(DataType.DOUBLE)).sumNumber().doubleValue(),
                x, c.logitGradient(x, w), 6, 6, 17).worst();
        LOG.info("{}: weighted logit gradient vs finite differences, largest relative difference {}", name, worst);
        // then the analytic gradient agrees (asserted inside the check)
        assertTrue(worst < 1e-2);
    }

    @ParameterizedTest
    @MethodSource("models")
    void runtimeAndSameDiffAgreeOnARandomBatch(String name) {
        // given a batch of 7 random images inside the bounds (an odd size, not the fixtures' 2)
        OnnxClassifier c = loaded.get(name);
        InputSpec spec = c.inputSpec();
        Random r = new Random(name.hashCode());
        float[] v = new float[7 * spec.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (spec.lower() + spec.range() * r.nextDouble());
        }
        INDArray x = Nd4j.create(v, spec.shape(7), 'c');
        // when both paths compute logits, and the engine
        double diff = OnnxFixtures.relativeError(c.graphLogits(x), c.logits(x));
        double onEngine = OnnxFixtures.relativeError(engine.get(name).logits(x), c.graphLogits(x));
        assertTrue(onEngine < TOLERANCE, name + ": the engine and SameDiff differ by " + onEngine);
        // then they agree
        assertTrue(diff < TOLERANCE, name + ": SameDiff and ONNX Runtime differ by " + diff);
    }
}
