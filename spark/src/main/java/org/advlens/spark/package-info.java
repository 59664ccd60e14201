/** Runs the engine's data-set evaluations on an Apache Spark cluster, with the same results as a local run. */
package org.advlens.spark;
