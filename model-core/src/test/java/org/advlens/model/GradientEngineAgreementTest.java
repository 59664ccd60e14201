package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.advlens.model.load.Classifiers;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.load.ReferenceNetworks;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every bundled and test DL4J model runs on the gradient engine after export to ONNX, and its logits and input
 * gradients equal those of the DL4J path it replaced (the compiled layers or DL4J's own backpropagation).
 */
class GradientEngineAgreementTest {

    private static final Logger LOG = LoggerFactory.getLogger(GradientEngineAgreementTest.class);
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path dir;

    /** A model on both paths. */
    record Pair(Classifier engine, Classifier reference) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
            reference.close();
        }
    }

    static List<String> models() {
        return List.of("bundled fashion-cnn.zip", "keras-tiny-cnn.h5", "resnet reference", "tiny cnn 8x8",
                "tiny cnn nhwc");
    }

    private static Pair pair(String name) throws Exception {
        return switch (name) {
            case "bundled fashion-cnn.zip" -> files(resource(ModelLoader.BUNDLED_MODEL, "fashion-cnn.zip"));
            case "keras-tiny-cnn.h5" -> files(resource("/org/advlens/model/keras-tiny-cnn.h5", "keras-tiny-cnn.h5"));
            case "resnet reference" -> new Pair(ReferenceNetworks.resnetStyle(2, 5),
                    ReferenceNetworks.resnetStyleReference(2, 5));
            case "tiny cnn 8x8" -> network(TinyNetworks.cnn8(), InputSpec.grey(8, 8));
            case "tiny cnn nhwc" -> network(TinyNetworks.cnn(InputType.convolutional(8, 8, 1,
                    org.deeplearning4j.nn.conf.CNN2DFormat.NHWC), 13), new InputSpec(1, 8, 8, ChannelOrder.NHWC, 0, 1,
                    null, null));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Pair files(Path file) throws Exception {
        return new Pair(ModelLoader.load(file), ModelLoader.loadReference(file));
    }

    private static Pair network(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net, InputSpec spec) {
        ModelInfo info = new ModelInfo("tiny", "memory", "", ModelFormat.DL4J_MULTILAYER, spec, TinyNetworks.CLASSES,
                net.numParams(), List.of(), true);
        return new Pair(Classifiers.forNetwork(net, info), Classifiers.referenceFor(net, info));
    }

    private static Path resource(String name, String file) throws IOException {
        Path out = dir.resolve(file);
        try (InputStream in = GradientEngineAgreementTest.class.getResourceAsStream(name)) {
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("models")
    void engineMatchesTheDl4jPath(String name) throws Exception {
        try (Pair p = pair(name)) {
            // given a model loaded normally and on its DL4J reference path, and a batch inside its bounds
            Classifier engine = p.engine();
            InputSpec spec = engine.inputSpec();
            Random r = new Random(name.hashCode());
            int n = 5;
            float[] v = new float[n * spec.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (spec.lower() + spec.range() * r.nextDouble());
            }
            INDArray x = Nd4j.create(v, spec.shape(n), 'c');
            int[] labels = IntStream.range(0, n).map(i -> i % engine.numClasses()).toArray();
            INDArray w = Nd4j.randn(DataType.FLOAT, n, engine.numClasses());
            // when both compute logits and input gradients
            double logits = relative(engine.logits(x), p.reference().logits(x));
            double loss = relative(engine.lossGradient(x, labels), p.reference().lossGradient(x, labels));
            double weighted = relative(engine.logitGradient(x, w), p.reference().logitGradient(x, w));
            LogitsAndGradient both = engine.logitsAndGradient(x, Logits.oneHot(labels, engine.numClasses()), w);
            double combined = relative(both.inputGradient(), p.reference().lossGradient(x, labels)
                    .add(p.reference().logitGradient(x, w)));
            LOG.info("{}: {}; engine vs reference, relative: logits {}, cross-entropy gradient {}, logit gradient {},"
                    + " combined {}", name, engine.computePath().describe(), logits, loss, weighted, combined);
            // then the model is on the engine and both paths agree to float rounding
            assertTrue(engine.computePath().onGradientEngine(), name + ": " + engine.computePath().describe());
            assertInstanceOf(NetworkBacked.class, engine, "the DL4J network stays available to layer methods");
            assertTrue(!p.reference().computePath().onGradientEngine());
            assertTrue(logits < TOLERANCE, name + ": logits differ by " + logits);
            if (name.equals("resnet reference")) {
                return; // DL4J's graph backpropagation runs BatchNorm in training mode: see the test below
            }
            assertTrue(loss < TOLERANCE * 10, name + ": cross-entropy gradients differ by " + loss);
            assertTrue(weighted < TOLERANCE * 10, name + ": logit gradients differ by " + weighted);
            assertTrue(combined < TOLERANCE * 10, name + ": the one-pass objective differs by " + combined);
        }
    }

    @org.junit.jupiter.api.Test
    void resnetGradientMatchesFiniteDifferencesOfTheInferenceNetwork() {
        // given the ResNet reference on the engine, and the same DL4J graph in double precision in inference mode
        // (DL4J's own graph backpropagation cannot be the reference here: it normalises BatchNorm with the batch's
        // statistics, so its gradients are those of another function than the logits)
        try (Classifier engine = ReferenceNetworks.resnetStyle(2, 5)) {
            org.deeplearning4j.nn.graph.ComputationGraph precise = ReferenceNetworks.resnetGraph(2, 5)
                    .convertDataType(DataType.DOUBLE);
            InputSpec spec = engine.inputSpec();
            Random r = new Random(7);
            float[] v = new float[2 * spec.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextFloat();
            }
            INDArray x = Nd4j.create(v, spec.shape(2), 'c');
            INDArray w = Nd4j.randn(DataType.FLOAT, 2, engine.numClasses());
            // when the engine's gradient of sum(w * logits) is compared with central differences of the DL4J logits
            FiniteDifferences.Result result = FiniteDifferences.compare(z -> FiniteDifferences.weighted(
                    LogitHead.withLoss(precise, new LogitCrossEntropyLoss()).outputSingle(false, z), w),
                    x, engine.logitGradient(x, w), 8, 8, 3);
            LOG.info("resnet reference: engine gradient vs finite differences of DL4J inference logits: {}", result);
            // then they agree (asserted per coordinate inside the check)
            assertTrue(result.compared() >= 8 && result.worst() < 1e-2, result.toString());
        }
    }

    /** {@code max |a - b| / max |b|}. */
    static double relative(INDArray a, INDArray b) {
        INDArray ad = a.castTo(DataType.DOUBLE);
        INDArray bd = b.castTo(DataType.DOUBLE);
        return ad.sub(bd).amaxNumber().doubleValue() / Math.max(1e-12, bd.amaxNumber().doubleValue());
    }
}
