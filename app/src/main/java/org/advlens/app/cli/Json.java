package org.advlens.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advlens.model.ModelInfo;
import org.advlens.provenance.Provenance;
import org.advlens.provenance.ProvenanceJson;

/** JSON printed by the subcommands. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The data set's name, source and size, as commands report what they ran on. */
    static ObjectNode data(org.advlens.data.LabelledDataset set) {
        ObjectNode o = object();
        o.put("name", set.name());
        o.put("source", set.source());
        o.put("size", set.size());
        return o;
    }

    /** Where a result came from: the common provenance block of a result created now. */
    static ObjectNode provenance() {
        return ProvenanceJson.provenance(Provenance.now());
    }

    /** Where a result created at {@code created} came from: the common provenance block. */
    static ObjectNode provenance(java.time.Instant created) {
        return ProvenanceJson.provenance(Provenance.at(created));
    }

    /** The model's identity: the common model block. */
    static ObjectNode model(ModelInfo m) {
        return ProvenanceJson.model(m);
    }
}
