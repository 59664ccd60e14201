package org.advlens.model.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One node of an ONNX graph. An optional input that is left out has the empty name {@code ""}.
 *
 * @param name node name (may be empty in the file; then a name is made from the op and the output)
 * @param opType operator, e.g. {@code "Conv"}
 * @param domain operator set domain; empty for the default {@code ai.onnx} set
 * @param inputs input value names
 * @param outputs output value names
 * @param attributes attributes by name
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, OnnxAttribute> attributes) {

    public OnnxNode {
        domain = domain == null ? "" : domain;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
        if (name == null || name.isEmpty()) {
            name = opType + (outputs.isEmpty() ? "" : "->" + outputs.get(0));
        }
    }

    /** {@code "Conv (node 'conv1')"}, for messages. */
    public String describe() {
        return (domain.isEmpty() || domain.equals("ai.onnx") ? "" : domain + ".") + opType + " (node '" + name + "')";
    }

    /** Input {@code i}, or {@code ""} if the node has fewer inputs. */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public boolean hasAttribute(String key) {
        return attributes.containsKey(key);
    }

    public long intAttribute(String key, long defaultValue) {
        OnnxAttribute a = attributes.get(key);
        return a == null ? defaultValue : a.i();
    }

    public float floatAttribute(String key, float defaultValue) {
        OnnxAttribute a = attributes.get(key);
        return a == null ? defaultValue : a.f();
    }

    public String stringAttribute(String key, String defaultValue) {
        OnnxAttribute a = attributes.get(key);
        return a == null ? defaultValue : a.s();
    }

    /** An ints attribute, or {@code defaultValue} (which may be {@code null}) when absent. */
    public long[] intsAttribute(String key, long[] defaultValue) {
        OnnxAttribute a = attributes.get(key);
        return a == null ? defaultValue : a.ints();
    }

    @Override
    public String toString() {
        return describe() + " " + inputs + " -> " + outputs + " " + Arrays.toString(attributes.keySet().toArray());
    }
}
