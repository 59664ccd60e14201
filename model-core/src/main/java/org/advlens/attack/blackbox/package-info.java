/** Attacks that query the model's decisions or scores only, or attack a substitute model and transfer. */
package org.advlens.attack.blackbox;
