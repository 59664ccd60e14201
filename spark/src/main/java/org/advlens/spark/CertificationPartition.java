package org.advlens.spark;

import java.io.Serializable;

/**
 * What a task returns for its partition of a certification run: per-image certificates, never images.
 *
 * @param dataName the data set's name, as the engine's loader gives it
 * @param dataSource where the data came from, as the engine's loader gives it
 * @param from the data-set index of the first image
 * @param labels per image: the label
 * @param predictions per image: the smoothed classifier's class, or -1 on abstain
 * @param pALower per image: the lower bound on the class's probability
 * @param radius per image: the certified L2 radius
 * @param seconds per image: the time the certificate took
 */
record CertificationPartition(String dataName, String dataSource, int from, int[] labels, int[] predictions,
                              double[] pALower, double[] radius, double[] seconds) implements Serializable {
}
