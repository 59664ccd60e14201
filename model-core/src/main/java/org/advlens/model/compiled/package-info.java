/**
 * The compiled path: a sequential DL4J network compiled into stages with hand-written forward and backward
 * passes on ND4J's native ops, and the layer-by-layer view of it that relevance propagation uses.
 */
package org.advlens.model.compiled;
