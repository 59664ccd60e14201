package org.advlens.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelIdentity;
import org.advlens.model.ModelInfo;
import org.junit.jupiter.api.Test;

class ProvenanceJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ModelIdentity NORMALISED = new ModelIdentity("cnn", "models/cnn.onnx", "ab12", ModelFormat.ONNX,
            new InputSpec(3, 4, 5, ChannelOrder.NHWC, -1, 1, new double[] {0.5, 0.25, 0.125},
                    new double[] {2, 4, 8}), List.of("cat", "dog", "bird"));

    @Test
    void theModelBlockHasTheDocumentedFieldsInOrder() {
        // given a model, when its block is written
        ObjectNode o = ProvenanceJson.model(NORMALISED);
        // then the fields are the documented ones, with the types the schema gives
        assertEquals(List.of("name", "source", "sha256", "format", "input", "classes"), names(o));
        assertEquals(List.of("channels", "height", "width", "layout", "bounds", "mean", "std"), names(o.get("input")));
        assertEquals("ONNX", o.get("format").asText());
        assertEquals("NHWC", o.get("input").get("layout").asText());
        assertEquals(-1.0, o.get("input").get("bounds").get(0).asDouble());
        assertEquals(3, o.get("classes").size());
        // and a model without normalisation writes null for mean and std
        ObjectNode plain = ProvenanceJson.model(new ModelIdentity("m", null, null, ModelFormat.ANALYTIC,
                InputSpec.grey(2, 2), List.of("a", "b")));
        assertTrue(plain.get("input").get("mean").isNull() && plain.get("input").get("std").isNull());
        assertEquals("", plain.get("sha256").asText());
    }

    @Test
    void bothBlocksRoundTripThroughJsonText() throws Exception {
        // given a model with normalisation and a provenance at a fixed time
        Provenance p = new Provenance("1.2.3", Instant.parse("2026-11-22T10:15:30.125Z"), "OpenJDK 17", "Linux 6 amd64");
        ObjectNode root = ProvenanceJson.putBoth(JSON.createObjectNode(), NORMALISED, p);
        // when written as text and read back
        JsonNode back = JSON.readTree(JSON.writeValueAsString(root));
        // then both records are equal to the originals
        assertEquals(NORMALISED, ProvenanceJson.readModel(back.get("model"), "model"));
        assertEquals(p, ProvenanceJson.readProvenance(back.get("provenance"), "provenance"));
        assertEquals(List.of("advlens_version", "created", "java", "os"), names(back.get("provenance")));
    }

    @Test
    void theIdentityOfALoadedModelDropsOnlyWhatIsNotIdentity() {
        // given a loaded model's description with a parameter count and layers
        ModelInfo info = new ModelInfo("m", "f.zip", "cafe", ModelFormat.DL4J_MULTILAYER, InputSpec.grey(2, 2),
                List.of("a", "b"), 42, List.of("dense"), true);
        // when its identity is taken and turned back into a description
        ModelInfo back = info.identity().toModelInfo();
        // then name, source, hash, format, input and classes survive, the rest is not identity
        assertEquals(info.identity(), back.identity());
        assertEquals(0, back.parameterCount());
        assertEquals(List.of(), back.layers());
    }

    @Test
    void badBlocksAreRejectedWithThePathOfTheField() {
        ObjectNode model = ProvenanceJson.model(NORMALISED);
        model.remove("classes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceJson.readModel(model, "model"));
        assertEquals("model.classes is missing or not an array", e.getMessage());

        ObjectNode layout = ProvenanceJson.model(NORMALISED);
        ((ObjectNode) layout.get("input")).put("layout", "CHWN");
        e = assertThrows(IllegalArgumentException.class, () -> ProvenanceJson.readModel(layout, "models[1]"));
        assertTrue(e.getMessage().startsWith("models[1].input.layout must be NCHW or NHWC"), e.getMessage());

        ObjectNode p = ProvenanceJson.provenance(Provenance.now());
        p.put("created", "yesterday");
        e = assertThrows(IllegalArgumentException.class, () -> ProvenanceJson.readProvenance(p, "provenance"));
        assertEquals("provenance.created must be an ISO-8601 instant, got \"yesterday\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProvenanceJson.readProvenance(null, "provenance"));
        assertEquals("provenance is missing or not an object", e.getMessage());
    }

    @Test
    void anIdentityNeedsANameAndTwoClasses() {
        InputSpec in = InputSpec.grey(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelIdentity(" ", "", "", ModelFormat.ONNX, in, List.of("a", "b")));
        assertEquals("model name must not be blank, got ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ModelIdentity("m", "", "", ModelFormat.ONNX, in, List.of("a")));
        assertEquals("a classifier needs at least two classes, got [a]", e.getMessage());
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
