/**
 * Counterfactual explanations: the pixel-space and on-manifold searches, their plausibility measures, and the
 * generative model they rest on (the autoencoder, its training and the bundled reference set). Its JSON and
 * pictures are written by {@code org.advlens.report}.
 */
package org.advlens.counterfactual;
