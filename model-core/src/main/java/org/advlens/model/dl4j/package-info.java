/** The DL4J adapter: a classifier computed by a DL4J network's own forward and backward passes. */
package org.advlens.model.dl4j;
