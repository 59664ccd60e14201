package org.advlens.model.onnx;

import java.util.List;

/**
 * One attribute of an ONNX node. Only the field that matches {@code type} is meaningful; the others are zero,
 * empty or {@code null}.
 *
 * @param name attribute name
 * @param type ONNX {@code AttributeType}: 1 float, 2 int, 3 string, 4 tensor, 5 graph, 6 floats, 7 ints, 8 strings
 * @param f a float value
 * @param i an int value
 * @param s a string value
 * @param t a tensor value
 * @param floats a list of floats
 * @param ints a list of ints
 * @param strings a list of strings
 */
public record OnnxAttribute(String name, int type, float f, long i, String s, OnnxTensor t, float[] floats,
                            long[] ints, List<String> strings) {

    public static final int FLOAT = 1;
    public static final int INT = 2;
    public static final int STRING = 3;
    public static final int TENSOR = 4;
    public static final int GRAPH = 5;
    public static final int FLOATS = 6;
    public static final int INTS = 7;
    public static final int STRINGS = 8;

    public OnnxAttribute {
        floats = floats == null ? new float[0] : floats.clone();
        ints = ints == null ? new long[0] : ints.clone();
        strings = strings == null ? List.of() : List.copyOf(strings);
    }

    @Override
    public float[] floats() {
        return floats.clone();
    }

    @Override
    public long[] ints() {
        return ints.clone();
    }
}
