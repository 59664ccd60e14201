package org.advlens.model.onnx;

/** Translates one ONNX op into SameDiff ops, or folds it when its inputs are known. */
@FunctionalInterface
interface OpTranslator {

    void translate(OnnxNode node, ImportContext ctx) throws OnnxImportException;
}
