package org.advlens.model.onnx;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;

/**
 * The parameter-free vertices of a ComputationGraph as ONNX nodes: {@link ElementWiseVertex} Add, Subtract,
 * Product and Average; {@link MergeVertex} as a concatenation along its merge axis (the channels, by default) in
 * DL4J's own layout; {@link PreprocessorVertex} through {@link PreProcessorExporter}. Layer vertices are
 * exported by {@link LayerExporter}; anything else is refused.
 */
final class VertexExporter {

    private VertexExporter() {
    }

    static ExportedValue export(OnnxGraphWriter w, GraphVertex vertex, List<ExportedValue> in)
            throws OnnxExportException {
        if (vertex.getClass() == ElementWiseVertex.class) {
            return elementWise(w, ((ElementWiseVertex) vertex).getOp(), in);
        }
        if (vertex.getClass() == MergeVertex.class) {
            if (in.size() == 1) {
                return in.get(0);
            }
            int axis = ((MergeVertex) vertex).getMergeAxis();
            int rank = in.get(0).rank();
            for (ExportedValue v : in) {
                if (v.rank() != rank) {
                    throw new OnnxExportException("merging tensors of different rank " + in);
                }
            }
            if (axis < 1 || axis >= rank) {
                throw new OnnxExportException("merge axis " + axis + " of rank-" + rank + " tensors");
            }
            return w.concat(in, axis);
        }
        if (vertex.getClass() == PreprocessorVertex.class) {
            return PreProcessorExporter.apply(w, ((PreprocessorVertex) vertex).getPreProcessor(), single(in));
        }
        throw new OnnxExportException("not a supported vertex type");
    }

    private static ExportedValue elementWise(OnnxGraphWriter w, ElementWiseVertex.Op op, List<ExportedValue> in)
            throws OnnxExportException {
        for (ExportedValue v : in) {
            if (!Arrays.equals(v.dims(), in.get(0).dims())) {
                throw new OnnxExportException("element-wise " + op + " of differently shaped tensors " + in);
            }
        }
        return switch (op) {
            case Add -> chain(w, "Add", in);
            case Product -> chain(w, "Mul", in);
            case Subtract -> {
                if (in.size() != 2) {
                    throw new OnnxExportException("Subtract of " + in.size() + " inputs");
                }
                yield w.elementwise("Sub", in);
            }
            case Average -> {
                ExportedValue sum = chain(w, "Add", in);
                String scale = w.weights("scale", new float[] {1f / in.size()});
                yield w.elementwise("Mul", List.of(sum, new ExportedValue(scale, new long[0])));
            }
            default -> throw new OnnxExportException("element-wise operation " + op);
        };
    }

    private static ExportedValue chain(OnnxGraphWriter w, String op, List<ExportedValue> in) {
        ExportedValue acc = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            acc = w.elementwise(op, List.of(acc, in.get(i)));
        }
        return acc;
    }

    private static ExportedValue single(List<ExportedValue> in) throws OnnxExportException {
        if (in.size() != 1) {
            throw new OnnxExportException(in.size() + " inputs where one is expected");
        }
        return in.get(0);
    }
}
