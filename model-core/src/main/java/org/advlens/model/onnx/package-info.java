/** ONNX models: a dependency-free reader, its translation into SameDiff, and the export of DL4J networks. */
package org.advlens.model.onnx;
