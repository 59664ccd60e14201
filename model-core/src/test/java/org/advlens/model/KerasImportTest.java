package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.advlens.model.load.ModelLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras HDF5 import on fixtures written by {@code make_keras_fixtures.py} (h5py, no TensorFlow): a Sequential
 * Conv2D-Flatten-Dense model whose expected logits numpy computed.
 */
class KerasImportTest {

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = KerasImportTest.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void importsASequentialCnnThatMatchesNumpy() throws Exception {
        JsonNode expected;
        try (InputStream in = KerasImportTest.class.getResourceAsStream("keras-tiny-cnn.expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        float[] image = new float[36];
        for (int i = 0; i < 36; i++) {
            image[i] = (float) expected.get("image").get(i).asDouble();
        }
        float[] logits = new float[3];
        for (int i = 0; i < 3; i++) {
            logits[i] = (float) expected.get("logits").get(i).asDouble();
        }
        try (Classifier c = ModelLoader.load(fixture("keras-tiny-cnn.h5"))) {
            assertEquals(ModelFormat.KERAS, c.info().format());
            assertEquals(new InputSpec(1, 6, 6, ChannelOrder.NHWC, 0, 1, null, null), c.inputSpec());
            assertEquals(List.of("class 0", "class 1", "class 2"), c.classNames());
            assertTrue(c.info().softmaxOutput());
            INDArray x = Nd4j.create(image, new long[] {1, 1, 6, 6}, 'c');
            assertArrayEquals(logits, c.logits(x).toFloatVector(), 1e-4f);

            MultiLayerNetwork net = (MultiLayerNetwork) ((NetworkBacked) c).network();
            MultiLayerNetwork doubleLogits = LogitHead.withLoss(net.convertDataType(DataType.DOUBLE),
                    new WeightedLogitLoss());
            INDArray w = Nd4j.createFromArray(new float[][] {{1f, -1f, 0f}});
            FiniteDifferences.check(v -> FiniteDifferences.weighted(
                    doubleLogits.output(v.permute(0, 2, 3, 1).dup('c'), false), w), x, c.logitGradient(x, w), 6, 6, 8);
        }
    }

    @Test
    void usesASideFileDescriptionForKerasModels() throws Exception {
        Path file = fixture("keras-tiny-cnn.h5");
        new ModelDescription("keras tiny", new InputSpec(1, 6, 6, ChannelOrder.NHWC, 0, 1, null, null),
                List.of("left", "middle", "right")).write(dir.resolve("keras-tiny-cnn.h5.json"));
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals("keras tiny", c.info().name());
            assertEquals(List.of("left", "middle", "right"), c.classNames());
        }
    }

    @Test
    void explainsAWeightsOnlyFile() throws IOException {
        Path file = fixture("weights-only.h5");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().startsWith("weights-only.h5: an HDF5 file without a Keras model (no model_config"),
                e.getMessage());
    }

    @Test
    void explainsATruncatedHdf5File() throws IOException {
        byte[] bytes = Files.readAllBytes(fixture("keras-tiny-cnn.h5"));
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 600));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(cut));
        assertTrue(e.getMessage().startsWith("cut.h5: "), e.getMessage());
    }
}
