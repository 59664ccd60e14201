/** The gradient engine: reverse-mode differentiation of ONNX graphs into ONNX graphs that ONNX Runtime runs. */
package org.advlens.model.gradient;
