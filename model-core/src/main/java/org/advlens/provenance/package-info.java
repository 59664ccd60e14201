/**
 * Provenance, at the bottom of the engine above {@code model}: which AdvLens version, Java and operating system
 * produced a result, and when, plus the one writer of the {@code "model"} and {@code "provenance"} blocks every
 * exported result carries ({@link org.advlens.provenance.ProvenanceJson}). It depends on {@code model} only.
 */
package org.advlens.provenance;
