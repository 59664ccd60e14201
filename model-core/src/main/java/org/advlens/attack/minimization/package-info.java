/**
 * Attacks that look for the smallest perturbation that changes the decision: C&W, DeepFool, JSMA, L-BFGS-B and
 * the minimum-epsilon search over any fixed-epsilon attack.
 */
package org.advlens.attack.minimization;
