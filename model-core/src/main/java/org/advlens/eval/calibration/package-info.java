/** Calibration and selective classification: expected and maximum calibration error, NLL, Brier score, reliability diagrams, temperature scaling, and risk-coverage curves. */
package org.advlens.eval.calibration;
