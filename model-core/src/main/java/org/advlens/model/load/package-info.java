/**
 * Model files in and out: DL4J zips (checked before DL4J reads them), Keras HDF5 and ONNX files, their side-file
 * descriptions and hashes, and the choice of the fastest path that computes each classifier.
 */
package org.advlens.model.load;
