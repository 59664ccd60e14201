/** Evaluations over data sets: robustness curves with gradient-masking flags, minimum-norm evaluations and trustworthiness diagnostics. */
package org.advlens.eval;
