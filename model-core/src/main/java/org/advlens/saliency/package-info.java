/** Saliency methods; one algorithm per class. */
package org.advlens.saliency;
