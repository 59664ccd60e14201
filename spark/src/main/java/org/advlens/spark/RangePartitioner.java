package org.advlens.spark;

import java.util.List;
import org.apache.spark.Partitioner;

/** Sends data-set index {@code i} to the partition whose {@code [from, to)} range holds it. */
final class RangePartitioner extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int[] starts;

    RangePartitioner(List<int[]> ranges) {
        starts = ranges.stream().mapToInt(r -> r[0]).toArray();
    }

    @Override
    public int numPartitions() {
        return starts.length;
    }

    @Override
    public int getPartition(Object key) {
        int index = (Integer) key;
        int at = java.util.Arrays.binarySearch(starts, index);
        return at >= 0 ? at : -at - 2;
    }
}
