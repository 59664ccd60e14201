package org.advlens.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advlens.model.ModelInfo;

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

    /** Where a result came from: the AdvLens version, the time, the Java runtime and the operating system. */
    static ObjectNode provenance() {
        org.advlens.provenance.Provenance p = org.advlens.provenance.Provenance.now();
        ObjectNode o = object();
        o.put("advlens_version", p.advlensVersion());
        o.put("created", p.created().toString());
        o.put("java", p.java());
        o.put("os", p.os());
        return o;
    }

    /** The model's identity: name, source, hash and format. */
    static ObjectNode model(ModelInfo m) {
        ObjectNode o = object();
        o.put("name", m.name());
        o.put("source", m.source());
        o.put("sha256", m.sha256());
        o.put("format", m.format().name());
        o.put("parameters", m.parameterCount());
        return o;
    }
}
