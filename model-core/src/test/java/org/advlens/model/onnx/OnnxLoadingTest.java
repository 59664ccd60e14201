package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelLoadException;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ONNX through {@link ModelLoader}: format detection, where the description comes from, errors, copies. */
class OnnxLoadingTest {

    @TempDir
    Path dir;

    private static void assertLoadError(Path file, String expectedStart) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage());
    }

    @Test
    void defaultsComeFromTheGraphInput() throws Exception {
        // given a PyTorch export without metadata or side file
        Path file = OnnxFixtures.copy(dir, "plain_cnn.onnx", "plain_cnn.onnx");
        try (Classifier c = ModelLoader.load(file)) {
            // then the input is the graph's input in [0, 1], the classes are numbered, there is no softmax
            assertEquals(ModelFormat.ONNX, c.info().format());
            assertEquals(InputSpec.grey(12, 12), c.inputSpec());
            assertEquals(ModelDescription.numberedClasses(5), c.classNames());
            assertEquals("plain_cnn.onnx", c.info().name());
            assertEquals(545, c.info().parameterCount());
            assertFalse(c.info().softmaxOutput());
            assertEquals(5, c.info().layers().size());
        }
    }

    @Test
    void recognisesChannelsLastInputs() throws Exception {
        Path file = OnnxFixtures.copy(dir, "nhwc_tf_style.onnx", "tf.onnx");
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals(new InputSpec(3, 10, 10, ChannelOrder.NHWC, 0, 1, null, null), c.inputSpec());
        }
    }

    @Test
    void stripsTheFinalSoftmax() throws Exception {
        // given a model whose output is softmax probabilities
        Path file = OnnxFixtures.copy(dir, "softmax_head.onnx", "softmax_head.onnx");
        try (Classifier c = ModelLoader.load(file)) {
            // then the classifier's logits are PyTorch's pre-softmax logits, and the info says so
            assertTrue(c.info().softmaxOutput());
            OnnxFixtures.Expected e = OnnxFixtures.expected("softmax_head");
            assertTrue(OnnxFixtures.relativeError(c.logits(e.input()), e.logits()) < 1e-4);
        }
    }

    @Test
    void readsTheDescriptionFromMetadata() throws Exception {
        // given a model with an "advlens" metadata entry, and a side file that says something else
        Path file = OnnxFixtures.copy(dir, "gemm_metadata.onnx", "meta.onnx");
        try (Classifier c = ModelLoader.load(file)) {
            // then partial metadata (class_names, input_bounds) is used over the graph's defaults
            assertEquals(List.of("cat", "dog", "bird"), c.classNames());
            assertEquals(InputSpec.grey(4, 4).withBounds(0, 255), c.inputSpec());
        }
        ModelDescription side = new ModelDescription("side", InputSpec.grey(4, 4), List.of("x", "y", "z"));
        side.write(dir.resolve("meta.onnx.json"));
        try (Classifier c = ModelLoader.load(file)) {
            // and a side file beats partial metadata
            assertEquals("side", c.info().name());
            assertEquals(List.of("x", "y", "z"), c.classNames());
        }
        ModelDescription override = new ModelDescription("edited", InputSpec.grey(4, 4).withBounds(-1, 1),
                List.of("p", "q", "r"));
        try (Classifier c = ModelLoader.load(file, override)) {
            // and the override beats both
            assertEquals("edited", c.info().name());
            assertEquals(-1, c.inputSpec().lower());
        }
    }

    @Test
    void aWholeDescriptionInMetadataBeatsTheSideFile() throws Exception {
        Path file = OnnxFixtures.copy(dir, "fashion_cnn.onnx", "fashion.onnx");
        new ModelDescription("side", InputSpec.grey(28, 28), ModelDescription.numberedClasses(10))
                .write(dir.resolve("fashion.onnx.json"));
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals("Fashion-MNIST CNN (ONNX fixture)", c.info().name());
            assertEquals("Ankle boot", c.classNames().get(9));
            assertEquals(InputSpec.grey(28, 28), c.inputSpec());
        }
    }

    @Test
    void usesASideFileWhenTheModelHasNoMetadata() throws Exception {
        Path file = OnnxFixtures.copy(dir, "plain_cnn.onnx", "plain.onnx");
        new ModelDescription("plain", InputSpec.grey(12, 12).withBounds(0, 255), List.of("a", "b", "c", "d", "e"))
                .write(dir.resolve("plain.onnx.json"));
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals("plain", c.info().name());
            assertEquals(255, c.inputSpec().upper());
            assertEquals("e", c.classNames().get(4));
        }
    }

    @Test
    void explainsADescriptionThatDoesNotFit() throws Exception {
        Path file = OnnxFixtures.copy(dir, "plain_cnn.onnx", "plain.onnx");
        new ModelDescription(null, InputSpec.grey(10, 10), ModelDescription.numberedClasses(5))
                .write(dir.resolve("plain.onnx.json"));
        assertLoadError(file, "plain.onnx: the model's input 'input' has shape [-1, 1, 12, 12], which does not fit"
                + " images of shape [1, 10, 10]");
        new ModelDescription(null, InputSpec.grey(12, 12), ModelDescription.numberedClasses(3))
                .write(dir.resolve("plain.onnx.json"));
        assertLoadError(file, "plain.onnx: the description names 3 classes but the model has 5 outputs");
    }

    @Test
    void recognisesOnnxWithoutTheExtension() throws Exception {
        Path file = OnnxFixtures.copy(dir, "plain_cnn.onnx", "model.bin");
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals(ModelFormat.ONNX, c.info().format());
        }
    }

    @Test
    void namesUnsupportedOps() throws Exception {
        assertLoadError(OnnxFixtures.copy(dir, "unsupported_lstm.onnx", "lstm.onnx"),
                "lstm.onnx: unsupported ONNX op LSTM (node 'lstm_1'); AdvLens translates ");
        assertLoadError(OnnxFixtures.copy(dir, "custom_op.onnx", "custom.onnx"),
                "custom.onnx: unsupported ONNX op com.example.custom.FancyActivation (node 'fancy_1'): custom"
                        + " operator domain 'com.example.custom' is not supported");
    }

    @Test
    void explainsACorruptOnnxFile() throws Exception {
        byte[] bytes = OnnxFixtures.bytes("plain_cnn.onnx");
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadError(cut, "cut.onnx: corrupt or not an ONNX model: not a valid ONNX protobuf: ");
        Path garbage = dir.resolve("garbage.onnx");
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        Files.write(garbage, noise);
        assertLoadError(garbage, "garbage.onnx: corrupt or not an ONNX model: ");
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "not a model\n");
        assertLoadError(text, "notes.onnx: corrupt or not an ONNX model: ");
    }

    @Test
    void aTextFileWithoutTheExtensionIsNotAModel() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just some text\n");
        assertLoadError(text, "notes.txt: not a model file (it looks like text); expected a DL4J model zip or a Keras"
                + " HDF5 (.h5) file, or an ONNX (.onnx) model");
    }

    @Test
    void copiesAreIndependentAndAgree() throws Exception {
        Path file = OnnxFixtures.copy(dir, "softmax_head.onnx", "head.onnx");
        OnnxFixtures.Expected e = OnnxFixtures.expected("softmax_head");
        INDArray x = e.input();
        try (Classifier c = ModelLoader.load(file)) {
            INDArray logits = c.logits(x);
            INDArray grad = c.logitGradient(x, e.weights());
            Classifier copy = c.copy();
            c.close();
            c.close(); // closing twice is harmless
            // a copy used from another thread after the original is closed gives the same results
            INDArray[] fromCopy = CompletableFuture.supplyAsync(() -> {
                try (copy) {
                    return new INDArray[] {copy.logits(x), copy.logitGradient(x, e.weights())};
                }
            }).get();
            assertArrayEquals(logits.dup('c').data().asFloat(), fromCopy[0].dup('c').data().asFloat(), 1e-6f);
            assertArrayEquals(grad.dup('c').data().asFloat(), fromCopy[1].dup('c').data().asFloat(), 1e-7f);
        }
    }

    @Test
    void rejectsBadBatches() throws Exception {
        Path file = OnnxFixtures.copy(dir, "plain_cnn.onnx", "plain.onnx");
        try (Classifier c = ModelLoader.load(file)) {
            INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 12, 12);
            assertThrows(IllegalArgumentException.class, () -> c.lossGradient(x, new int[] {1}));
            assertThrows(IllegalArgumentException.class, () -> c.logitGradient(x, Nd4j.ones(2, 4)));
            assertThrows(IllegalArgumentException.class, () -> c.logits(Nd4j.rand(2, 1, 10, 10)));
        }
    }
}
