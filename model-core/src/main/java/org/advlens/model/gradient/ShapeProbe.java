package org.advlens.model.gradient;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.ValueInfoProto;

/**
 * Measures the shape of every value of a forward graph by running it once on ONNX Runtime with every node output
 * made a graph output, on a probe batch of mid-range inputs. Small values (64 elements or fewer) are kept too: the
 * constants that shape-computing subgraphs produce.
 */
final class ShapeProbe {

    static final int SMALL = 64;

    /** Shapes and small values of a probe run. */
    record Result(int batch, Map<String, long[]> shapes, Map<String, float[]> smallValues) {

        long[] shape(String value) {
            return shapes.get(value);
        }

        /** The value's elements if it is small and does not depend on the input, else {@code null}. */
        float[] floats(String value) {
            return smallValues.get(value);
        }
    }

    private ShapeProbe() {
    }

    /**
     * Runs the model on a batch of {@code batch} inputs of shape {@code [batch, inputDims...]} filled with
     * {@code fill}; {@code inputDependent} names the values whose contents change with the input (their small
     * values are not kept).
     */
    static Result run(ModelProto model, String input, long[] inputShape, float fill, Set<String> inputDependent)
            throws OrtException {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        Set<String> names = new LinkedHashSet<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            for (String o : n.getOutputList()) {
                if (!o.isEmpty()) {
                    names.add(o);
                }
            }
        }
        for (ValueInfoProto o : model.getGraph().getOutputList()) {
            names.remove(o.getName());
        }
        for (String name : names) {
            graph.addOutput(ValueInfoProto.newBuilder().setName(name).build());
        }
        byte[] bytes = model.toBuilder().setGraph(graph).build().toByteArray();
        long size = 1;
        for (long d : inputShape) {
            size *= d;
        }
        float[] data = new float[Math.toIntExact(size)];
        java.util.Arrays.fill(data, fill);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, float[]> small = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            try (OrtSession session = env.createSession(bytes, options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), inputShape);
                 OrtSession.Result r = session.run(Map.of(input, x))) {
                shapes.put(input, inputShape.clone());
                for (Map.Entry<String, OnnxValue> e : r) {
                    if (!(e.getValue() instanceof OnnxTensor t)) {
                        continue;
                    }
                    shapes.put(e.getKey(), t.getInfo().getShape());
                    if (!inputDependent.contains(e.getKey()) && t.getInfo().getNumElements() <= SMALL) {
                        float[] v = values(t);
                        if (v != null) {
                            small.put(e.getKey(), v);
                        }
                    }
                }
            }
        }
        return new Result((int) inputShape[0], shapes, small);
    }

    private static float[] values(OnnxTensor t) {
        OnnxJavaType type = t.getInfo().type;
        int n = (int) t.getInfo().getNumElements();
        float[] out = new float[n];
        switch (type) {
            case FLOAT -> t.getFloatBuffer().get(out);
            case DOUBLE -> {
                var b = t.getDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.get(i);
                }
            }
            case INT64 -> {
                var b = t.getLongBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case INT32 -> {
                var b = t.getIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            default -> {
                return null;
            }
        }
        return out;
    }
}
