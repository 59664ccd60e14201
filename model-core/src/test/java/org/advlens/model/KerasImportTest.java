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
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
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

    /**
     * The fixture with {@code bytes} written at {@code offset} past the first occurrence of the attribute name
     * {@code name} (NUL-terminated) in the file: its attribute message is the name padded to 16 bytes, the datatype
     * (class and flags, then the string length at +20), the scalar dataspace, then the text at +32.
     */
    private Path patched(String file, String name, int offset, byte... bytes) throws IOException {
        byte[] h5 = Files.readAllBytes(fixture("keras-tiny-cnn.h5"));
        byte[] key = (name + "\u0000").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; i + key.length <= h5.length && at < 0; i++) {
            if (java.util.Arrays.equals(h5, i, i + key.length, key, 0, key.length)) {
                at = i;
            }
        }
        assertTrue(at > 0, name + " is in the fixture");
        System.arraycopy(bytes, 0, h5, at + offset, bytes.length);
        return Files.write(dir.resolve(file), h5);
    }

    /**
     * The fixture with the root attribute {@code name} replaced by a fixed-length string holding {@code value}, written
     * with the HDF5 library itself, so that the file is consistent and only the attribute is unusual (under 64 KiB:
     * the fixture's object headers keep attributes in the header, which holds at most that).
     */
    private Path withAttribute(String file, String name, byte[] value) throws IOException {
        Path out = fixture("keras-tiny-cnn.h5");
        Path target = Files.move(out, dir.resolve(file));
        synchronized (org.deeplearning4j.nn.modelimport.keras.Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = new H5File(target.toString(), hdf5.H5F_ACC_RDWR());
            try (StrType type = new StrType(PredType.C_S1(), value.length);
                 DataSpace scalar = new DataSpace(hdf5.H5S_SCALAR);
                 BytePointer text = new BytePointer(value)) {
                h5.removeAttr(name);
                try (Attribute attribute = h5.createAttribute(name, type, scalar)) {
                    attribute.write(type, text);
                }
            } finally {
                h5.deallocate();
            }
        }
        return target;
    }

    /**
     * The fixture with the layer group {@code layer}'s {@code weight_names} replaced by {@code names}, fixed-length
     * strings of {@code length} bytes, written with the HDF5 library itself.
     */
    private Path withWeightNames(String file, String layer, int length, String... names) throws IOException {
        Path target = Files.move(fixture("keras-tiny-cnn.h5"), dir.resolve(file));
        byte[] value = new byte[length * names.length];
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, value, i * length, Math.min(length, name.length));
        }
        synchronized (org.deeplearning4j.nn.modelimport.keras.Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = new H5File(target.toString(), hdf5.H5F_ACC_RDWR());
            org.bytedeco.hdf5.Group group = h5.openGroup("model_weights/" + layer);
            try (StrType type = new StrType(PredType.C_S1(), length);
                 DataSpace space = new DataSpace(1, new long[] {names.length});
                 BytePointer text = new BytePointer(value)) {
                group.removeAttr("weight_names");
                try (Attribute attribute = group.createAttribute("weight_names", type, space)) {
                    attribute.write(type, text);
                }
            } finally {
                group.deallocate();
                h5.deallocate();
            }
        }
        return target;
    }

    @Test
    void refusesWeightNamesLongerThanTheBufferDl4jReadsThemInto() throws IOException {
        Path file = withWeightNames("long-weight-names.h5", "dense_1", 1500, "dense_1/kernel:0", "dense_1/bias:0");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertEquals("long-weight-names.h5: the attribute weight_names of the layer dense_1 announces 2 string(s) of"
                + " 1500 bytes; at most 2000 bytes are expected (DL4J's Keras import reads at most 2000)",
                e.getMessage());
    }

    @Test
    void refusesWeightNamesThatAreNotStrings() throws IOException {
        Path target = Files.move(fixture("keras-tiny-cnn.h5"), dir.resolve("int-weight-names.h5"));
        synchronized (org.deeplearning4j.nn.modelimport.keras.Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = new H5File(target.toString(), hdf5.H5F_ACC_RDWR());
            org.bytedeco.hdf5.Group group = h5.openGroup("model_weights/conv2d_1");
            try (DataSpace space = new DataSpace(1, new long[] {1000});
                 org.bytedeco.javacpp.IntPointer values = new org.bytedeco.javacpp.IntPointer(1000L)) {
                group.removeAttr("weight_names");
                try (Attribute attribute = group.createAttribute("weight_names", PredType.NATIVE_INT(), space)) {
                    attribute.write(PredType.NATIVE_INT(), values);
                }
            } finally {
                group.deallocate();
                h5.deallocate();
            }
        }
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(target));
        assertTrue(e.getMessage().startsWith("int-weight-names.h5: the attribute weight_names of the layer conv2d_1 is"
                + " not a fixed-length string, as Keras writes it"), e.getMessage());
    }

    @Test
    void loadsWeightNamesRewrittenWithinTheBuffer() throws Exception {
        Path file = withWeightNames("wide-weight-names.h5", "dense_1", 990, "dense_1/kernel:0", "dense_1/bias:0");
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals(List.of("class 0", "class 1", "class 2"), c.classNames());
            assertEquals(3, c.logits(Nd4j.rand(DataType.FLOAT, 1, 1, 6, 6)).length());
        }
    }

    @Test
    void refusesAModelConfigThatIsNotJson() throws IOException {
        Path file = patched("not-json.h5", "model_config", 32, (byte) '#');
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().startsWith("not-json.h5: the Keras model_config is not valid JSON: Unexpected"
                + " character ('#'"), e.getMessage());
    }

    @Test
    void refusesALongModelConfigThatIsNotJsonWithoutRetrying() throws IOException {
        byte[] junk = new byte[60_000];
        java.util.Arrays.fill(junk, (byte) 'x');
        Path file = withAttribute("junk-config.h5", "model_config", junk);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().startsWith("junk-config.h5: the Keras model_config is not valid JSON: Unrecognized"
                + " token 'xxxx"), e.getMessage());
    }

    @Test
    void readsAModelConfigLongerThanTwoKibibytes() throws Exception {
        String json;
        try (InputStream in = KerasImportTest.class.getResourceAsStream("keras-tiny-cnn.h5")) {
            String all = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            int start = all.indexOf("{\"class_name\": \"Sequential\"");
            json = new ObjectMapper().readTree(all.substring(start, all.indexOf('\u0000', start))).toPrettyString();
        }
        String padded = json + " ".repeat(Math.max(0, 10_000 - json.length()));
        Path file = withAttribute("long-config.h5", "model_config",
                padded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals(List.of("class 0", "class 1", "class 2"), c.classNames());
            assertEquals(new InputSpec(1, 6, 6, ChannelOrder.NHWC, 0, 1, null, null), c.inputSpec());
        }
    }

    @Test
    void refusesAKerasVersionLongerThanAVersionString() throws IOException {
        Path file = withAttribute("long-version.h5", "keras_version", ("2.2.4" + " ".repeat(59_995))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertEquals("long-version.h5: the attribute keras_version announces 1 string(s) of 60000 bytes; at most 64"
                + " bytes are expected (the file is corrupt)", e.getMessage());
    }

    @Test
    void aFixedFileLoadsAtThePathWhereItsBrokenVersionFailed() throws Exception {
        byte[] valid = Files.readAllBytes(fixture("keras-tiny-cnn.h5"));
        String text = new String(valid, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] broken = text.replaceFirst("\"Dense\"", "\"Den{e\"")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("edited.h5"), broken);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().contains("Unsupported keras layer type Den{e"), e.getMessage());
        Files.write(file, valid);
        try (Classifier c = ModelLoader.load(file)) {
            assertEquals(3, c.classNames().size());
        }
    }

    @Test
    void filesWrittenOverOnePathLoadAsTheyDoAtFreshPaths() throws Exception {
        byte[] valid = Files.readAllBytes(fixture("keras-tiny-cnn.h5"));
        Path same = dir.resolve("same.h5");
        // seeds 5,000,016 to 5,000,019 fail inside DL4J's weight import, which can leave HDF5 objects open
        for (long seed = 5_000_010L; seed < 5_000_025L; seed++) {
            byte[] bytes = org.advlens.testing.ByteMutator.mutate(valid, null, new java.util.Random(seed));
            Path fresh = Files.write(dir.resolve("fresh-" + seed + ".h5"), bytes);
            Files.write(same, bytes);
            assertEquals(outcome(fresh).replace("fresh-" + seed + ".h5", "same.h5"), outcome(same), "seed " + seed);
        }
    }

    private static String outcome(Path file) {
        try (Classifier c = ModelLoader.load(file)) {
            return "loaded " + c.classNames();
        } catch (ModelLoadException e) {
            return e.getMessage();
        }
    }
}
