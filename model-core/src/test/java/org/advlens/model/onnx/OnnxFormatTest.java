package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Reading ONNX files, the Softmax-cutting rewrite and the import's structural checks, on the fixtures. */
class OnnxFormatTest {

    @Test
    void readsAPyTorchExport() throws Exception {
        // given the plain CNN exported by PyTorch 1.13 at opset 13
        OnnxModel m = OnnxFixtures.model("plain_cnn");
        // then the header, the nodes, the weights and the input's shape are read
        assertEquals(7, m.irVersion());
        assertEquals("pytorch 1.13.0", m.producer());
        assertEquals(13, m.defaultOpset());
        assertEquals(List.of("Conv", "Relu", "MaxPool", "Flatten", "Gemm"),
                m.graph().nodes().stream().map(OnnxNode::opType).toList());
        OnnxTensor w = m.graph().initializers().get("conv.weight");
        assertArrayEquals(new long[] {4, 1, 3, 3}, w.dims());
        assertEquals(OnnxTensor.FLOAT, w.dataType());
        assertEquals(4 * 9 + 4 + 100 * 5 + 5, m.graph().parameterCount());
        assertEquals(1, m.graph().realInputs().size());
        assertArrayEquals(new long[] {-1, 1, 12, 12}, m.graph().realInputs().get(0).shape());
        OnnxNode pool = m.graph().nodes().get(2);
        assertArrayEquals(new long[] {2, 2}, pool.intsAttribute("kernel_shape", null));
    }

    @Test
    void readsFloatDataTensorsAndMetadata() throws Exception {
        // given a model written with the onnx helper API: weights as float_data, metadata_props
        OnnxModel m = OnnxFixtures.model("gemm_metadata");
        // then both are read
        OnnxTensor b = m.graph().initializers().get("B");
        assertArrayEquals(new long[] {3, 16}, b.dims());
        assertTrue(Arrays.stream(b.toDoubles()).anyMatch(v -> v != 0));
        assertEquals(Map.of("class_names", "[\"cat\", \"dog\", \"bird\"]", "input_bounds", "[0, 255]"), m.metadata());
        OnnxNode gemm = m.graph().nodes().get(3);
        assertEquals(0.5f, gemm.floatAttribute("alpha", 1f));
        assertEquals(1, gemm.intAttribute("transB", 0));
    }

    @Test
    void everyTruncationFailsWithAnImportException() {
        // given every prefix of a small model file (a crude fuzz of the bounds checks)
        byte[] bytes = OnnxFixtures.bytes("softmax_head.onnx");
        for (int cut = 0; cut < bytes.length; cut += 3) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            // then parsing fails with OnnxImportException (or, rarely, yields a smaller valid message), never with
            // an index or allocation error
            try {
                OnnxModel.parse(prefix);
            } catch (OnnxImportException e) {
                assertFalse(e.getMessage().isBlank());
            }
        }
    }

    @Test
    void rejectsBytesThatAreNotAModel() {
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxModel.parse("just some text\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not a valid ONNX protobuf"), e.getMessage());
        assertThrows(OnnxImportException.class, () -> OnnxModel.parse(new byte[] {0x08, 0x07}));
    }

    @Test
    void cutsTheFinalSoftmaxForOnnxRuntime() throws Exception {
        // given a model ending in Softmax
        byte[] bytes = OnnxFixtures.bytes("softmax_head.onnx");
        OnnxModel m = OnnxModel.parse(bytes);
        DifferentiableGraph g = OnnxGraphImporter.importGraph(m, new long[] {1, 8, 8}, DataType.FLOAT);
        // when the runtime's copy is written
        OnnxModel cut = OnnxModel.parse(OnnxGraphImporter.logitsModel(bytes, g));
        // then it has no Softmax and its output is the Softmax's input; everything else is unchanged
        assertTrue(g.softmaxStripped());
        OnnxNode softmax = m.graph().nodes().get(m.graph().nodes().size() - 1);
        assertEquals("Softmax", softmax.opType());
        assertEquals(m.graph().nodes().size() - 1, cut.graph().nodes().size());
        assertFalse(cut.graph().nodes().stream().anyMatch(n -> n.opType().equals("Softmax")));
        assertEquals(softmax.input(0), cut.graph().outputs().get(0).name());
        assertEquals(m.graph().initializers().keySet(), cut.graph().initializers().keySet());
        assertEquals(m.producer(), cut.producer());
        assertEquals(m.metadata(), cut.metadata());
        OnnxValueInfo before = m.graph().outputs().get(0);
        OnnxValueInfo after = cut.graph().outputs().get(0);
        assertEquals(before.elemType(), after.elemType());
        assertArrayEquals(before.shape(), after.shape());
    }

    @Test
    void listsTheTranslatedLayers() throws Exception {
        DifferentiableGraph g = OnnxGraphImporter.importGraph(OnnxFixtures.model("plain_cnn"),
                new long[] {1, 12, 12}, DataType.FLOAT);
        assertEquals(5, g.numClasses());
        assertFalse(g.softmaxStripped());
        assertEquals("Conv /conv/Conv -> [n, 4, 10, 10]", g.layers().get(0));
        assertEquals(5, g.layers().size());
    }

    @Test
    void namesTheUnsupportedOpAndNode() throws Exception {
        OnnxModel lstm = OnnxFixtures.model("unsupported_lstm");
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxGraphImporter.importGraph(lstm, new long[] {1, 4, 4}, DataType.FLOAT));
        assertTrue(e.getMessage().startsWith("unsupported ONNX op LSTM (node 'lstm_1'); AdvLens translates"),
                e.getMessage());
        OnnxModel custom = OnnxFixtures.model("custom_op");
        e = assertThrows(OnnxImportException.class,
                () -> OnnxGraphImporter.importGraph(custom, new long[] {1, 4, 4}, DataType.FLOAT));
        assertTrue(e.getMessage().startsWith("unsupported ONNX op com.example.custom.FancyActivation (node"
                + " 'fancy_1')"), e.getMessage());
    }

    @Test
    void rejectsAnInputShapeTheModelDoesNotTake() throws Exception {
        OnnxModel m = OnnxFixtures.model("plain_cnn");
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxGraphImporter.importGraph(m, new long[] {1, 10, 10}, DataType.FLOAT));
        assertTrue(e.getMessage().contains("has shape [-1, 1, 12, 12], which does not fit images of shape"
                + " [1, 10, 10]"), e.getMessage());
    }

    @Test
    void avoidsOnnxRuntimeUnderALongCommandLine() {
        // ONNX Runtime 1.29.0 crashes the JVM when the command line is over about 4 KB (measured: 3,955 bytes ran,
        // 4,005 crashed); the test JVM itself starts with a short one
        assertTrue(OnnxRuntimeForward.unavailableReason(3000).isEmpty());
        assertTrue(OnnxRuntimeForward.unavailableReason(7042).orElseThrow().startsWith("the Java command line is"
                + " 7042 bytes long"));
        assertTrue(OnnxRuntimeForward.unavailableReason().isEmpty(), "surefire starts Java with a short command line");
    }
}
