package org.advlens.model.onnx;

import java.util.List;
import java.util.Map;

/**
 * The main graph of an ONNX model.
 *
 * @param name graph name
 * @param nodes nodes in the file's (topological) order
 * @param initializers constant tensors by name: the weights
 * @param inputs graph inputs; older files also list the initializers here
 * @param outputs graph outputs
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers,
                        List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(initializers));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The inputs that are not initializers: what a caller must feed. */
    public List<OnnxValueInfo> realInputs() {
        return inputs.stream().filter(i -> !initializers.containsKey(i.name())).toList();
    }

    /** Total number of elements of the floating-point initializers. */
    public long parameterCount() {
        return initializers.values().stream().filter(OnnxTensor::isFloating).mapToLong(OnnxTensor::size).sum();
    }
}
