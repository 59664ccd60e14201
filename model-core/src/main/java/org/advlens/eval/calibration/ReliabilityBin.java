package org.advlens.eval.calibration;

/**
 * One bin of a reliability diagram: the predictions whose confidence falls in {@code (lower, upper]}.
 *
 * @param lower the bin's lower confidence edge (exclusive, except 0 for equal-mass bins' first)
 * @param upper its upper edge (inclusive)
 * @param count predictions in the bin
 * @param confidence their mean confidence (NaN when the bin is empty)
 * @param accuracy the fraction of them that are right (NaN when the bin is empty)
 */
public record ReliabilityBin(double lower, double upper, int count, double confidence, double accuracy) {

    public ReliabilityBin {
        if (!(lower <= upper) || count < 0) {
            throw new IllegalArgumentException("a bin needs lower <= upper and a count of at least 0, got ("
                    + lower + ", " + upper + "] with " + count);
        }
    }

    /** {@code |accuracy - confidence|}, 0 for an empty bin. */
    public double gap() {
        return count == 0 ? 0 : Math.abs(accuracy - confidence);
    }
}
