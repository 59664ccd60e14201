package org.advlens.model.onnx;

import java.util.Arrays;

/**
 * A graph input or output: its name, element type and shape. A dimension given by name (such as
 * {@code "batch"}) or not given at all is {@code -1}.
 *
 * @param name value name
 * @param elemType ONNX element type code, 0 when unknown
 * @param shape the dimensions, {@code -1} for a symbolic one; {@code null} when the file gives no shape
 */
public record OnnxValueInfo(String name, int elemType, long[] shape) {

    public OnnxValueInfo {
        shape = shape == null ? null : shape.clone();
    }

    @Override
    public long[] shape() {
        return shape == null ? null : shape.clone();
    }

    @Override
    public String toString() {
        return name + " " + OnnxTensor.typeName(elemType) + (shape == null ? "[?]" : Arrays.toString(shape));
    }
}
