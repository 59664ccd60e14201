package org.advlens.saliency.faithfulness;

import org.advlens.model.Classifier;

/**
 * Deletion and insertion curves (Petsiuk, Das and Saenko, "RISE: Randomized Input Sampling for Explanation of
 * Black-box Models", BMVC 2018), also known as pixel flipping. Deletion sets the pixel positions to a constant
 * baseline value in the given order, {@code round(k * P / steps)} of the {@code P} positions at step {@code k};
 * insertion starts from the all-baseline image and puts the image's pixels back in the same order. Each curve
 * holds the target class's softmax probability at steps {@code 0..steps}. A faithful ranking makes the deletion
 * curve fall fast (small area) and the insertion curve rise fast (large area).
 *
 * <p>The baseline is a constant in the model's pixel units; AdvLens uses the input's lower bound (black), which
 * for Fashion-MNIST is also the background.
 */
public final class PixelFlipping {

    private PixelFlipping() {
    }

    /**
     * The deletion curve: {@code steps + 1} probabilities of {@code target}.
     *
     * @param image one image, {@code channels x height x width} values in the model's pixel space
     * @param order pixel positions ({@code height x width}) in removal order, e.g. {@link PixelRanking}
     */
    public static double[] deletion(Classifier model, float[] image, int target, int[] order, int steps,
                                    float baseline) {
        float[] constant = constant(image.length, baseline);
        return curve(model, image, constant, target, order, steps);
    }

    /** The insertion curve: from the all-baseline image, the pixels put back in {@code order}. */
    public static double[] insertion(Classifier model, float[] image, int target, int[] order, int steps,
                                     float baseline) {
        float[] constant = constant(image.length, baseline);
        return curve(model, constant, image, target, order, steps);
    }

    /**
     * Area under a curve sampled at {@code y.length} evenly spaced points of [0, 1], by the trapezoid rule.
     *
     * @throws IllegalArgumentException for fewer than two points
     */
    public static double areaUnderCurve(double[] y) {
        if (y == null || y.length < 2) {
            throw new IllegalArgumentException("a curve needs at least two points, got "
                    + (y == null ? "null" : y.length));
        }
        double sum = 0;
        for (int i = 0; i + 1 < y.length; i++) {
            sum += (y[i] + y[i + 1]) / 2;
        }
        return sum / (y.length - 1);
    }

    /** Probabilities of {@code target} as the positions in {@code order} go from {@code from} to {@code to}. */
    static double[] curve(Classifier model, float[] from, float[] to, int target, int[] order, int steps) {
        int size = from.length;
        int positions = order.length;
        checkSteps(steps, positions);
        if (size % positions != 0) {
            throw new IllegalArgumentException("an image of " + size + " values does not hold " + positions
                    + " positions");
        }
        int channels = size / positions;
        float[] batch = new float[(steps + 1) * size];
        float[] current = from.clone();
        int done = 0;
        for (int k = 0; k <= steps; k++) {
            int until = PixelRanking.changedAt(k, steps, positions);
            for (; done < until; done++) {
                int p = order[done];
                for (int c = 0; c < channels; c++) {
                    current[c * positions + p] = to[c * positions + p];
                }
            }
            System.arraycopy(current, 0, batch, k * size, size);
        }
        return ModelScores.probabilities(model, batch, steps + 1, target);
    }

    static void checkSteps(int steps, int positions) {
        if (steps < 1 || steps > positions) {
            throw new IllegalArgumentException("steps must be in [1, " + positions + "] (the pixel positions), got "
                    + steps);
        }
    }

    private static float[] constant(int length, float value) {
        float[] out = new float[length];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
