/** The {@code advlens spark} command line: distributed evaluations launched locally or with spark-submit. */
package org.advlens.spark.cli;
