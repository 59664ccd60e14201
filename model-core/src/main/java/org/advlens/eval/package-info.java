/** Evaluations over data sets: clean accuracy and accuracy-versus-epsilon robustness curves with gradient-masking flags. */
package org.advlens.eval;
