package org.advlens.model.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.ByteString;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Reads an {@code .onnx} file with the generated ONNX protobuf classes that ND4J bundles, and converts the parts
 * AdvLens uses into its records ({@link OnnxModel}, {@link OnnxGraph}, {@link OnnxNode}, ...). Tensor data is
 * decoded by {@link OnnxTensorDecoder}. Every failure, of the protobuf parser or of a structural check, is an
 * {@link OnnxImportException}.
 */
final class OnnxProtoConverter {

    private OnnxProtoConverter() {
    }

    /** Parses the bytes as a {@code ModelProto}, with no checks beyond the wire format. */
    static ModelProto read(byte[] bytes) throws OnnxImportException {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("not a valid ONNX protobuf: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // protobuf's parser reports most corruption as the checked exception above, but not all of it
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new OnnxImportException("not a valid ONNX protobuf: " + what, e);
        }
    }

    /** The model, checked to have an IR version and a graph with nodes and outputs. */
    static OnnxModel model(ModelProto m) throws OnnxImportException {
        if (m.getIrVersion() <= 0 || !m.hasGraph()) {
            throw new OnnxImportException("not an ONNX model: " + (m.getIrVersion() <= 0 ? "no IR version (found "
                    + m.getIrVersion() + ")" : "no graph"));
        }
        OnnxGraph graph = graph(m.getGraph());
        if (graph.nodes().isEmpty() || graph.outputs().isEmpty()) {
            throw new OnnxImportException("the ONNX graph has no " + (graph.nodes().isEmpty() ? "nodes" : "outputs"));
        }
        Map<String, Long> opsets = new HashMap<>();
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            opsets.put(o.getDomain(), o.getVersion());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto e : m.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        String by = (m.getProducerName() + " " + m.getProducerVersion()).trim();
        return new OnnxModel(m.getIrVersion(), by, opsets, metadata, graph);
    }

    private static OnnxGraph graph(GraphProto g) throws OnnxImportException {
        if (g.getSparseInitializerCount() > 0) {
            throw new OnnxImportException("sparse initializers are not supported (the graph has "
                    + g.getSparseInitializerCount() + ")");
        }
        List<OnnxNode> nodes = new ArrayList<>(g.getNodeCount());
        for (NodeProto n : g.getNodeList()) {
            nodes.add(node(n));
        }
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            initializers.put(t.getName(), OnnxTensorDecoder.tensor(t));
        }
        return new OnnxGraph(g.getName(), nodes, initializers, valueInfos(g.getInputList()),
                valueInfos(g.getOutputList()));
    }

    private static OnnxNode node(NodeProto n) throws OnnxImportException {
        if (n.getOpType().isEmpty()) {
            throw new OnnxImportException("not a valid ONNX graph: a node" + (n.getName().isEmpty() ? ""
                    : " '" + n.getName() + "'") + " has no op type");
        }
        Map<String, OnnxAttribute> attributes = new HashMap<>();
        for (AttributeProto a : n.getAttributeList()) {
            attributes.put(a.getName(), attribute(a));
        }
        return new OnnxNode(n.getName(), n.getOpType(), n.getDomain(), n.getInputList(), n.getOutputList(),
                attributes);
    }

    private static OnnxAttribute attribute(AttributeProto a) throws OnnxImportException {
        int type = a.getTypeValue();
        if (type == 0) {
            // IR version 1 files have no type field: infer it from the field that is set.
            type = a.hasT() ? OnnxAttribute.TENSOR : !a.getS().isEmpty() ? OnnxAttribute.STRING
                    : a.hasG() ? OnnxAttribute.GRAPH : a.getFloatsCount() > 0 ? OnnxAttribute.FLOATS
                    : a.getIntsCount() > 0 ? OnnxAttribute.INTS : a.getStringsCount() > 0 ? OnnxAttribute.STRINGS
                    : a.getF() != 0 ? OnnxAttribute.FLOAT : OnnxAttribute.INT;
        }
        String s = type == OnnxAttribute.STRING || !a.getS().isEmpty() ? a.getS().toStringUtf8() : null;
        OnnxTensor t = a.hasT() ? OnnxTensorDecoder.tensor(a.getT()) : null;
        float[] floats = new float[a.getFloatsCount()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = a.getFloats(i);
        }
        long[] ints = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        List<String> strings = a.getStringsList().stream().map(ByteString::toStringUtf8).toList();
        return new OnnxAttribute(a.getName(), type, a.getF(), a.getI(), s, t, floats, ints, strings);
    }

    private static List<OnnxValueInfo> valueInfos(List<ValueInfoProto> infos) {
        return infos.stream().map(OnnxProtoConverter::valueInfo).toList();
    }

    /** Name, element type and shape of a tensor-typed value; other value types have type 0 and no shape. */
    private static OnnxValueInfo valueInfo(ValueInfoProto v) {
        if (!v.hasType() || !v.getType().hasTensorType()) {
            return new OnnxValueInfo(v.getName(), 0, null);
        }
        TypeProto.Tensor t = v.getType().getTensorType();
        long[] shape = !t.hasShape() ? null : t.getShape().getDimList().stream()
                .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray();
        return new OnnxValueInfo(v.getName(), t.getElemType(), shape);
    }
}
