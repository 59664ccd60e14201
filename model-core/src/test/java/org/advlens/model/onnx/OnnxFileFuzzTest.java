package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import org.advlens.model.Classifier;
import org.advlens.model.ModelLoadException;
import org.advlens.model.load.ModelLoader;
import org.advlens.testing.ByteMutator;
import org.advlens.testing.LoaderFuzzer;
import org.advlens.testing.LoaderFuzzer.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed {@code .onnx} files fed to {@link ModelLoader#load(Path)} as the app and the CLI call it (parse, the
 * gradient engine on ONNX Runtime, the SameDiff fallback and the agreement check): corrupted bytes of the fixtures,
 * and hand-made graphs with cycles, huge declared dimensions, external-data references and unknown ops. Every one
 * loads or fails with a {@link ModelLoadException} within the time bound.
 */
class OnnxFileFuzzTest {

    private static final LoaderFuzzer FUZZER = new LoaderFuzzer("ONNX", Duration.ofSeconds(20),
            ModelLoadException.class);
    private static final List<String> SEEDS = List.of("plain_cnn.onnx", "gemm_metadata.onnx", "custom_op.onnx",
            "unsupported_lstm.onnx", "softmax_head.onnx");

    @TempDir
    static Path dir;

    private static Input generate(Random random) {
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        byte[] donor = OnnxFixtures.bytes(SEEDS.get(random.nextInt(SEEDS.size())));
        return new Input(ByteMutator.mutate(OnnxFixtures.bytes(seed), donor, random), seed);
    }

    private static void load(Input input) throws ModelLoadException {
        Path file = dir.resolve("fuzz.onnx");
        try {
            Files.write(file, input.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Classifier c = ModelLoader.load(file)) {
            assertTrue(c.info().classNames().size() > 0);
        }
    }

    @Test
    void mutatedOnnxFilesLoadOrFailWithAMessage() {
        LoaderFuzzer.Report report = FUZZER.run(4_000_000L, LoaderFuzzer.count(100), OnnxFileFuzzTest::generate,
                OnnxFileFuzzTest::load);
        assertTrue(report.loaded() > 0 && report.rejected() > 0, report.toString());
    }

    private static ModelProto.Builder plainCnn() throws IOException {
        return ModelProto.parseFrom(OnnxFixtures.bytes("plain_cnn.onnx")).toBuilder();
    }

    private static ModelLoadException refusal(String name, ModelProto.Builder model) throws IOException {
        Path file = Files.write(dir.resolve(name), model.build().toByteArray());
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ModelLoadException.class, () -> ModelLoader.load(file)));
    }

    @Test
    void aDimensionOfTwoToThe40IsRefused() throws IOException {
        ModelProto.Builder m = plainCnn();
        TensorShapeProto.Builder shape = m.getGraphBuilder().getInputBuilder(0).getTypeBuilder()
                .getTensorTypeBuilder().getShapeBuilder();
        shape.getDimBuilder(shape.getDimCount() - 1).setDimValue(1L << 40);
        ModelLoadException e = refusal("huge-dim.onnx", m);
        assertTrue(e.getMessage().startsWith("huge-dim.onnx: "), e.getMessage());
    }

    @Test
    void anInitializerOfTwoToThe40ElementsIsRefused() throws IOException {
        ModelProto.Builder m = plainCnn();
        TensorProto.Builder w = m.getGraphBuilder().getInitializerBuilder(0);
        w.clearDims().addDims(1L << 20).addDims(1L << 20);
        ModelLoadException e = refusal("huge-weights.onnx", m);
        assertTrue(e.getMessage().contains(w.getName()), e.getMessage());
    }

    @Test
    void externalDataIsRefusedWithoutReadingTheReferencedFile() throws IOException {
        ModelProto.Builder m = plainCnn();
        m.getGraphBuilder().getInitializerBuilder(0).clearRawData().clearFloatData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("../../etc/passwd"));
        ModelLoadException e = refusal("external.onnx", m);
        assertTrue(e.getMessage().contains("external"), e.getMessage());
    }

    @Test
    void aCycleInTheGraphIsRefused() throws IOException {
        ModelProto.Builder m = plainCnn();
        GraphProto.Builder g = m.getGraphBuilder();
        NodeProto last = g.getNode(g.getNodeCount() - 1);
        g.getNodeBuilder(0).setInput(0, last.getOutput(0));
        refusal("cycle.onnx", m);
    }

    @Test
    void anUnknownOpIsRefusedWithItsName() throws IOException {
        ModelProto.Builder m = plainCnn();
        m.getGraphBuilder().getNodeBuilder(0).setOpType("NoSuchOp");
        ModelLoadException e = refusal("unknown-op.onnx", m);
        assertTrue(e.getMessage().contains("NoSuchOp"), e.getMessage());
    }
}
