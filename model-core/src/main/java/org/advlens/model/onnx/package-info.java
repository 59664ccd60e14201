/** ONNX models: a dependency-free reader for the ONNX protobuf format and its translation into a SameDiff graph. */
package org.advlens.model.onnx;
