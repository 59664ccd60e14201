package org.advlens.saliency.faithfulness;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Orders of the pixel positions ({@code height x width}, all channels of a position together) in which the
 * faithfulness curves remove or insert them.
 */
public final class PixelRanking {

    private PixelRanking() {
    }

    /**
     * Positions by relevance, most relevant first: by the map summed over channels, largest value first, so a
     * signed map ranks the strongest evidence for the class first and its strongest evidence against last. Ties
     * keep the lower position first.
     *
     * @param plane one image's map summed over channels, {@code height x width} values
     */
    public static int[] mostRelevantFirst(float[] plane) {
        if (plane == null || plane.length == 0) {
            throw new IllegalArgumentException("a ranking needs a non-empty map, got "
                    + (plane == null ? "null" : "0 values"));
        }
        Integer[] order = new Integer[plane.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(plane[b], plane[a]));
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** A uniformly random order of {@code positions} positions (Fisher-Yates with {@code random}). */
    public static int[] random(int positions, SplittableRandom random) {
        if (positions < 1) {
            throw new IllegalArgumentException("a ranking needs at least one position, got " + positions);
        }
        int[] out = new int[positions];
        for (int i = 0; i < positions; i++) {
            out[i] = i;
        }
        for (int i = positions - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** How many positions are changed at step {@code k} of {@code steps}: {@code round(k * positions / steps)}. */
    static int changedAt(int k, int steps, int positions) {
        return (int) Math.round((double) k * positions / steps);
    }
}
