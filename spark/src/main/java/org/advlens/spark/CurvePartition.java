package org.advlens.spark;

import java.io.Serializable;
import org.advlens.eval.PointExamples;

/**
 * What a task returns for its partition of a robustness curve: per-example results only, never images.
 *
 * @param partition the partition's index
 * @param dataName the data set's name, as the engine's loader gives it
 * @param dataSource where the data came from, as the engine's loader gives it
 * @param from the data-set index of its first example
 * @param labels per example: the label
 * @param cleanCorrect per example: correct without attack
 * @param zeroGradient examples of the data set's first batch with a zero or non-finite gradient; -1 for a
 *                     partition that does not hold that batch
 * @param correct per (attack, non-zero epsilon) in spec order, per example: still correct
 * @param success the same: the attack reached its goal
 * @param l2 the same: L2 norm of the perturbation
 * @param linf the same: L-inf norm of the perturbation
 */
record CurvePartition(int partition, String dataName, String dataSource, int from, int[] labels, boolean[] cleanCorrect, int zeroGradient,
                      boolean[][] correct, boolean[][] success, double[][] l2, double[][] linf)
        implements Serializable {

    int size() {
        return labels.length;
    }

    /** The outcomes of the {@code k}-th (attack, non-zero epsilon) pair. */
    PointExamples point(int k) {
        return new PointExamples(from, correct[k], success[k], l2[k], linf[k]);
    }
}
