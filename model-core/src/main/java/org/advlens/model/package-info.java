/** Classifiers: the contract the engine depends on, its input description, and the loaders for DL4J and Keras files. */
package org.advlens.model;
