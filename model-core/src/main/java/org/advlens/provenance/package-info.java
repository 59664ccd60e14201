/**
 * Provenance, at the bottom of the engine: which AdvLens version, Java and operating system produced a result,
 * and when. Every writer of results records it; it depends on nothing else.
 */
package org.advlens.provenance;
