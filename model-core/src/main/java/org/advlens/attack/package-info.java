/**
 * Adversarial attacks: the contract every attack implements ({@link org.advlens.attack.FixedEpsilonAttack},
 * {@link org.advlens.attack.MinimizationAttack}), their parameters and outcomes, and the runners that project,
 * clip and re-check every result. The attacks themselves sit in sub-packages by kind: {@code gradient},
 * {@code minimization} and {@code blackbox}; {@code catalog} names them for the command line and the views.
 */
package org.advlens.attack;
