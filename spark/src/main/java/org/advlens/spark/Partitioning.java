package org.advlens.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a data set into contiguous partitions whose boundaries fall on batch boundaries, so every batch a partition
 * evaluates is exactly a batch of the local run: results are then identical to the last bit, not only in their
 * random choices (which are seeded per example anyway).
 */
public final class Partitioning {

    private Partitioning() {
    }

    /**
     * {@code [from, to)} ranges covering {@code [0, size)} in order, at most {@code partitions} of them, each a whole
     * number of batches (the last may end in a partial batch), as even as the batches allow.
     *
     * @throws IllegalArgumentException if a count is not positive
     */
    public static List<int[]> ranges(int size, int batchSize, int partitions) {
        if (size < 1 || batchSize < 1 || partitions < 1) {
            throw new IllegalArgumentException("size, batch size and partitions must be positive, got " + size + ", "
                    + batchSize + " and " + partitions);
        }
        int batches = (size + batchSize - 1) / batchSize;
        int parts = Math.min(partitions, batches);
        List<int[]> out = new ArrayList<>(parts);
        int batch = 0;
        for (int p = 0; p < parts; p++) {
            int count = batches / parts + (p < batches % parts ? 1 : 0);
            int from = batch * batchSize;
            batch += count;
            out.add(new int[] {from, Math.min(size, batch * batchSize)});
        }
        return out;
    }
}
