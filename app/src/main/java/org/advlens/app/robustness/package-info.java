/** The robustness view: randomized-smoothing certification, common corruptions, OOD detection and calibration. */
package org.advlens.app.robustness;
