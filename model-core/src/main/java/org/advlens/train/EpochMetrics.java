package org.advlens.train;

/**
 * What one training epoch measured on the held-out images.
 *
 * @param epoch the epoch, from 1
 * @param meanLoss mean training loss over the epoch's minibatches (on the examples fitted)
 * @param cleanAccuracy accuracy on the held-out images
 * @param robustAccuracy accuracy under PGD-20 at the training epsilon on the first held-out images, or NaN when
 *                       not measured
 */
public record EpochMetrics(int epoch, double meanLoss, double cleanAccuracy, double robustAccuracy) {

    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, got " + epoch);
        }
        if (!(cleanAccuracy >= 0 && cleanAccuracy <= 1)) {
            throw new IllegalArgumentException("cleanAccuracy must be in [0, 1], got " + cleanAccuracy);
        }
        if (!Double.isNaN(robustAccuracy) && !(robustAccuracy >= 0 && robustAccuracy <= 1)) {
            throw new IllegalArgumentException("robustAccuracy must be in [0, 1] or NaN, got " + robustAccuracy);
        }
    }
}
