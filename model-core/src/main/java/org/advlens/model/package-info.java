/**
 * Classifiers as the engine sees them: the {@link org.advlens.model.Classifier} contract, its input description
 * and value range, logits and their gradients, and what a model file says of itself. The ways to compute a
 * classifier sit in sub-packages: {@code dl4j} (the DL4J adapter), {@code compiled} (the compiled sequential
 * path), {@code runtime} (the gradient engine on ONNX Runtime, built on {@code gradient} and {@code onnx}), and
 * {@code load} reads and writes model files and picks the fastest path for each.
 */
package org.advlens.model;
