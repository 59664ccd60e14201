/** Saliency methods, one algorithm per class, and their registry by name. */
package org.advlens.saliency.method;
