package org.advlens.model.gradient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.GraphProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.advlens.model.onnx.OnnxProtos;

/** Turning weight initializers into graph inputs, so that a graph follows weights that change. */
final class WeightInputs {

    private WeightInputs() {
    }

    /** Removes the named float initializers from {@code constants} and returns them, by name, in name order. */
    static Map<String, TensorProto> take(Map<String, TensorProto> constants, Set<String> names)
            throws UnsupportedGradientException {
        Map<String, TensorProto> out = new LinkedHashMap<>();
        for (String name : new java.util.TreeSet<>(names)) {
            TensorProto t = constants.remove(name);
            if (t == null) {
                throw new UnsupportedGradientException("'" + name + "' is not an initializer of the model");
            }
            if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                throw new UnsupportedGradientException("weight '" + name + "' is not float32");
            }
            out.put(name, t);
        }
        return out;
    }

    static Map<String, long[]> dims(Map<String, TensorProto> weights) {
        Map<String, long[]> out = new LinkedHashMap<>();
        weights.forEach((name, t) -> out.put(name, OnnxProtos.dims(t)));
        return out;
    }

    /** The graph without those initializers and with a float input of the same shape for each. */
    static GraphProto asInputs(GraphProto graph, Map<String, TensorProto> weights) {
        GraphProto.Builder b = graph.toBuilder().clearInitializer();
        graph.getInitializerList().stream().filter(t -> !weights.containsKey(t.getName())).forEach(b::addInitializer);
        java.util.List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(i -> !weights.containsKey(i.getName())).toList();
        b.clearInput().addAllInput(inputs);
        for (Map.Entry<String, TensorProto> e : weights.entrySet()) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (long d : OnnxProtos.dims(e.getValue())) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            b.addInput(ValueInfoProto.newBuilder().setName(e.getKey()).setType(TypeProto.newBuilder().setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))));
        }
        return b.build();
    }
}
