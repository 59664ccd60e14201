/** Defences as classifier wrappers and detectors (feature squeezing, MagNet), with the adaptive attacks that evaluate them. */
package org.advlens.defence;
