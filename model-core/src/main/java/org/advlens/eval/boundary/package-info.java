/** Decision-boundary slices: 2-D planes through an image, classified cell by cell, and the linearity of logits along a direction. */
package org.advlens.eval.boundary;
