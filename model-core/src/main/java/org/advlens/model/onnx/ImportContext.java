package org.advlens.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * State of one import: the SameDiff graph being built, the values by ONNX name, and one summary line per
 * translated node. Translators read their inputs and write their outputs through it.
 */
final class ImportContext {

    private final SameDiff sd;
    private final DataType dataType;
    private final long opset;
    private final Map<String, ImportedValue> values = new HashMap<>();
    private final Map<String, OnnxTensor> initializers;
    private final List<String> layers = new ArrayList<>();

    ImportContext(SameDiff sd, DataType dataType, long opset, Map<String, OnnxTensor> initializers) {
        this.sd = sd;
        this.dataType = dataType;
        this.opset = opset;
        this.initializers = initializers;
    }

    SameDiff sd() {
        return sd;
    }

    DataType dataType() {
        return dataType;
    }

    long opset() {
        return opset;
    }

    List<String> layers() {
        return layers;
    }

    void define(String name, ImportedValue value) {
        values.put(name, value);
    }

    boolean has(String name) {
        return values.containsKey(name) || initializers.containsKey(name);
    }

    /** Input {@code i} of the node; initializers are read on first use. */
    ImportedValue input(OnnxNode node, int i) throws OnnxImportException {
        String name = node.input(i);
        if (name.isEmpty()) {
            throw new OnnxImportException(node.describe() + " needs input " + (i + 1) + ", which is missing");
        }
        ImportedValue v = values.get(name);
        if (v == null) {
            OnnxTensor t = initializers.get(name);
            if (t == null) {
                throw new OnnxImportException(node.describe() + " reads '" + name + "', which no earlier node"
                        + " produces and which is not an initializer");
            }
            v = ImportedValue.of(FoldedTensor.of(t));
            values.put(name, v);
        }
        return v;
    }

    boolean hasInput(OnnxNode node, int i) {
        return !node.input(i).isEmpty();
    }

    /** Input {@code i}, which must be known at import time ({@code what} says what it is, for the message). */
    FoldedTensor folded(OnnxNode node, int i, String what) throws OnnxImportException {
        ImportedValue v = input(node, i);
        if (!v.isFolded()) {
            throw new OnnxImportException(node.describe() + ": its " + what + " (input '" + node.input(i)
                    + "') depends on the image data; AdvLens needs it to be a constant");
        }
        return v.folded();
    }

    /** Input {@code i}, which must depend on the input image. */
    ImportedValue traced(OnnxNode node, int i) throws OnnxImportException {
        ImportedValue v = input(node, i);
        if (v.isFolded()) {
            throw new OnnxImportException(node.describe() + ": input '" + node.input(i) + "' is a constant where"
                    + " AdvLens expects image data");
        }
        return v;
    }

    /** A SameDiff variable for a value: traced values as they are, folded ones as weights or constants. */
    SDVariable variable(ImportedValue v, String hint) {
        return v.isFolded() ? weight(hint, v.folded().toArray(dataType)) : v.variable();
    }

    /**
     * A trainable SameDiff VARIABLE holding {@code values}: SameDiff differentiates only graphs with variables, and
     * keeping the weights as variables lets later code perturb them.
     */
    SDVariable weight(String hint, INDArray array) {
        String base = "w_" + hint.replaceAll("[^A-Za-z0-9_.-]", "_");
        String name = base;
        for (int k = 1; sd.hasVariable(name); k++) {
            name = base + "_" + k;
        }
        return sd.var(name, array.castTo(dataType));
    }

    /** Sets output {@code i} of the node to a traced value and records a summary line. */
    void output(OnnxNode node, int i, SDVariable v, long[] shape) {
        values.put(node.outputs().get(i), ImportedValue.traced(v, shape));
        if (i == 0) {
            layers.add(node.opType() + " " + node.name() + " -> " + shapeText(shape));
        }
    }

    void output(OnnxNode node, int i, FoldedTensor t) {
        values.put(node.outputs().get(i), ImportedValue.of(t));
    }

    /** Makes output 0 the same value as input 0 (Identity, Dropout). */
    void alias(OnnxNode node) throws OnnxImportException {
        values.put(node.outputs().get(0), input(node, 0));
    }

    ImportedValue value(String name) {
        return values.get(name);
    }

    static String shapeText(long[] shape) {
        String s = Arrays.toString(shape);
        return shape.length > 0 && shape[0] == -1 ? "[n" + s.substring(3) : s;
    }
}
