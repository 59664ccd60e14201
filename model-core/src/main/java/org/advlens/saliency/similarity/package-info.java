/** Similarity metrics between two saliency maps: Spearman rank correlation, SSIM and HOG similarity. */
package org.advlens.saliency.similarity;
