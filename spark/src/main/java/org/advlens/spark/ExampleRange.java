package org.advlens.spark;

import java.io.Serializable;

/**
 * What one task evaluates: the examples {@code [from, to)} of the data set, plus their rows when the data reached the
 * executor through Spark SQL (Parquet); {@code rows} is {@code null} for data the task reads itself (IDX, folders).
 */
record ExampleRange(int from, int to, ParquetRow[] rows) implements Serializable {

    ExampleRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        }
        if (rows != null && rows.length != to - from) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") got " + rows.length + " rows");
        }
    }

    int size() {
        return to - from;
    }
}
