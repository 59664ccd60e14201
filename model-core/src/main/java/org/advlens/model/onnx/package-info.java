/** ONNX models: reading them into records, their translation into SameDiff, and the export of DL4J networks. */
package org.advlens.model.onnx;
