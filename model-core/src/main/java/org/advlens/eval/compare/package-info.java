/** Comparing models on the same data: transfer matrices of adversarial examples and prediction agreement. */
package org.advlens.eval.compare;
