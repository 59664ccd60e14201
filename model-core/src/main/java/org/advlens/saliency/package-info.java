/**
 * Saliency maps: the contract every method implements ({@link org.advlens.saliency.SaliencyMethod}), the map
 * and its inputs, and the gradient helpers the methods share. The methods sit in {@code method}, the sanity
 * checks in {@code sanity}, the similarity metrics they use in {@code similarity}; relevance propagation and
 * faithfulness metrics have their own sub-packages.
 */
package org.advlens.saliency;
