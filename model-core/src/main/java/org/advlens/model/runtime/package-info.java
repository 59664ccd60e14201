/**
 * Classifiers on ONNX Runtime: the gradient engine's classifier, networks exported to ONNX and run there, the
 * SameDiff path for ONNX files, and the self-check that compares the engine's gradients with the reference path.
 */
package org.advlens.model.runtime;
