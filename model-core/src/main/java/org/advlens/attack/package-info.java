/** Adversarial attacks, fixed-epsilon and minimisation, with the engine re-checking norms and success. */
package org.advlens.attack;
