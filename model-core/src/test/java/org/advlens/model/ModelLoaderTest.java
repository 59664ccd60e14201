package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.advlens.model.load.FileHashes;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.load.ModelWriter;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelLoaderTest {

    private static final InputSpec GREY_8 = InputSpec.grey(8, 8);

    @TempDir
    Path dir;

    @Test
    void loadsAZipWithAnEmbeddedDescription() throws Exception {
        MultiLayerNetwork net = TinyNetworks.cnn8();
        Path file = dir.resolve("tiny.zip");
        ModelWriter.save(net, TinyNetworks.description(GREY_8.withBounds(0, 255)), file);
        try (Classifier c = ModelLoader.load(file)) {
            ModelInfo info = c.info();
            assertEquals("tiny", info.name());
            assertEquals(file.toAbsolutePath().toString(), info.source());
            assertEquals(FileHashes.sha256(file), info.sha256());
            assertEquals(64, info.sha256().length());
            assertEquals(ModelFormat.DL4J_MULTILAYER, info.format());
            assertEquals(GREY_8.withBounds(0, 255), info.input());
            assertEquals(TinyNetworks.CLASSES, info.classNames());
            assertEquals(net.numParams(), info.parameterCount());
            assertEquals(3, info.layers().size());
            assertTrue(info.layers().get(0).startsWith("0 ConvolutionLayer 3x3"), info.layers().toString());
            assertTrue(info.softmaxOutput());
            INDArray x = TinyNetworks.input(1, 2, 1, 8, 8);
            assertArrayEquals(net.output(x, false).toFloatMatrix()[1], c.probabilities(x).toFloatMatrix()[1], 1e-5f);
        }
    }

    @Test
    void readsASideFileWhenTheZipHasNoDescription() throws Exception {
        Path file = dir.resolve("plain.zip");
        ModelSerializer.writeModel(TinyNetworks.cnn8(), file.toFile(), false);
        new ModelDescription("from side file", GREY_8, List.of("x", "y", "z")).write(dir.resolve("plain.zip.json"));
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals("from side file", c.info().name());
            assertEquals(List.of("x", "y", "z"), c.classNames());
        }
    }

    @Test
    void prefersTheEmbeddedDescriptionAndTheOverrideBeatsBoth() throws Exception {
        Path file = dir.resolve("both.zip");
        ModelWriter.save(TinyNetworks.cnn8(), TinyNetworks.description(GREY_8), file);
        new ModelDescription("side", GREY_8, List.of("x", "y", "z")).write(dir.resolve("both.zip.json"));
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals("tiny", c.info().name());
        }
        ModelDescription override = new ModelDescription("edited", GREY_8.withBounds(-1, 1), List.of("p", "q", "r"));
        try (Classifier c = ModelLoader.load(file, override)) {
            assertEquals("edited", c.info().name());
            assertEquals(-1, c.inputSpec().lower());
            assertEquals(List.of("p", "q", "r"), c.classNames());
        }
    }

    @Test
    void infersDefaultsFromAFlatInputNetwork() throws Exception {
        Path file = dir.resolve("flat.zip");
        ModelSerializer.writeModel(TinyNetworks.cnn(InputType.convolutionalFlat(8, 8, 1), 3), file.toFile(), false);
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals("flat.zip", c.info().name());
            assertEquals(GREY_8, c.inputSpec());
            assertEquals(List.of("class 0", "class 1", "class 2"), c.classNames());
            assertEquals(2, c.logits(TinyNetworks.input(2, 2, 1, 8, 8)).rows());
        }
    }

    @Test
    void letsADenseFirstNetworkTakeImages() throws Exception {
        MultiLayerNetwork mlp = TinyNetworks.mlp16();
        Path file = dir.resolve("mlp.zip");
        ModelSerializer.writeModel(mlp, file.toFile(), false);
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals(InputSpec.grey(4, 4), c.inputSpec());
            INDArray x = TinyNetworks.input(3, 2, 1, 4, 4);
            assertArrayEquals(mlp.output(x.reshape(2, 16), false).toFloatMatrix()[0],
                    c.probabilities(x).toFloatMatrix()[0], 1e-5f);
            assertEquals(16, c.lossGradient(x, new int[] {0, 2}).length() / 2);
        }
    }

    @Test
    void loadsAComputationGraph() throws Exception {
        ComputationGraph graph = TinyNetworks.graph(5);
        Path file = dir.resolve("graph.zip");
        ModelWriter.save(graph, TinyNetworks.description(InputSpec.grey(6, 6)), file);
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals(ModelFormat.DL4J_GRAPH, c.info().format());
            assertEquals(graph.numParams(), c.info().parameterCount());
            assertTrue(c.info().layers().stream().anyMatch(l -> l.startsWith("merge: MergeVertex")),
                    c.info().layers().toString());
            INDArray x = TinyNetworks.input(4, 1, 1, 6, 6);
            assertArrayEquals(graph.outputSingle(false, x).toFloatVector(), c.probabilities(x).toFloatVector(), 1e-5f);
        }
        Path plain = dir.resolve("graph-plain.zip");
        ModelSerializer.writeModel(graph, plain.toFile(), false);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(plain));
        assertTrue(e.getMessage().contains("does not accept input 1x28x28"), e.getMessage());
    }

    @Test
    void explainsWhenTheInferredInputDoesNotFit() throws IOException {
        Path file = dir.resolve("small.zip");
        ModelSerializer.writeModel(TinyNetworks.cnn8(), file.toFile(), false);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().startsWith("small.zip: the network does not accept input 1x28x28 NCHW"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("check the input description"), e.getMessage());
    }

    @Test
    void rejectsADescriptionWithTheWrongNumberOfClasses() throws IOException {
        Path file = dir.resolve("four.zip");
        ModelWriter.save(TinyNetworks.cnn8(), new ModelDescription(null, GREY_8, List.of("a", "b", "c", "d")), file);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertEquals("four.zip: the description names 4 classes but the network has 3 outputs; give one class name"
                + " per output", e.getMessage());
    }

    @Test
    void rejectsANetworkWithoutLogits() throws IOException {
        Path file = dir.resolve("loss.zip");
        ModelSerializer.writeModel(TinyNetworks.endsInLossLayer(), file.toFile(), false);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().startsWith("loss.zip: the network's last layer is not usable as logits: the last"
                + " layer is a LossLayer"), e.getMessage());
    }

    @Test
    void rejectsFilesThatAreNotModels() throws IOException {
        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "just some text\n");
        assertLoadError(text, "notes.zip: not a model file (it looks like text); expected a DL4J model zip or a"
                + " Keras HDF5 (.h5) file");

        Path png = dir.resolve("picture.h5");
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        assertLoadError(png, "picture.h5: not a model file (it is a PNG image)");

        Path empty = dir.resolve("empty.zip");
        Files.write(empty, new byte[0]);
        assertLoadError(empty, "empty.zip: the file is empty");

        assertLoadError(dir.resolve("absent.zip"), "absent.zip: no such file");
        assertLoadError(dir, dir.getFileName() + ": not a file");
    }

    @Test
    void rejectsCorruptAndForeignZips() throws IOException {
        Path good = dir.resolve("good.zip");
        ModelWriter.save(TinyNetworks.cnn8(), TinyNetworks.description(GREY_8), good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadError(cut, "cut.zip: corrupt or truncated zip file");

        Path other = dir.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes());
        }
        assertLoadError(other, "other.zip: a zip file but not a DL4J model");

        Path badDescription = dir.resolve("bad-description.zip");
        Files.copy(good, badDescription);
        try (var fs = java.nio.file.FileSystems.newFileSystem(badDescription)) {
            Files.writeString(fs.getPath(ModelDescription.ZIP_ENTRY), "{\"classes\": []}");
        }
        assertLoadError(badDescription, "bad-description.zip: invalid embedded advlens-description.json");

        Path unsupported = dir.resolve("unsupported.zip");
        Files.copy(good, unsupported);
        try (var fs = java.nio.file.FileSystems.newFileSystem(unsupported)) {
            Path conf = fs.getPath("configuration.json");
            Files.writeString(conf, Files.readString(conf)
                    .replace("org.deeplearning4j.nn.conf.layers.ConvolutionLayer", "org.example.FancyLayer"));
        }
        assertLoadError(unsupported, "unsupported.zip: unsupported layer or configuration (written by another DL4J"
                + " version?): Could not resolve type id 'org.example.FancyLayer'");
    }

    @Test
    void savesAndReplacesTheEmbeddedDescription() throws Exception {
        Path file = dir.resolve("m.zip");
        ModelWriter.save(TinyNetworks.cnn8(), TinyNetworks.description(GREY_8), file);
        ModelWriter.embedDescription(file, new ModelDescription("renamed", GREY_8, List.of("u", "v", "w")));
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals("renamed", c.info().name());
        }
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        assertEquals(TinyNetworks.cnn8().params(), restored.params());
    }

    private static void assertLoadError(Path file, String expectedStart) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage());
    }
}
