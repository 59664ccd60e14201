/** Adversarial attacks: fixed-epsilon gradient attacks sharing one loop, with the engine re-checking norms and success. */
package org.advlens.attack;
