package org.advlens.report;

import java.util.List;

/**
 * How a distributed evaluation was executed, written into the result's provenance next to the machine it was
 * assembled on: the cluster, how the data set was cut into partitions, and the seeds, so that the same numbers
 * can be produced again on any cluster or on one machine.
 *
 * @param engine what ran the evaluation, e.g. {@code "spark 4.2.0"}
 * @param master the cluster manager's address, e.g. {@code "local[2]"}, {@code "yarn"} or
 *               {@code "spark://host:7077"}
 * @param applicationId the cluster's id of the run
 * @param executors how many executors (or local threads) the run had when it started
 * @param batchSize examples per batch inside a partition
 * @param partitions the data-set index ranges, one {@code [from, to)} pair per partition
 * @param seeds the run seed of each evaluated item (an attack, or a certification), in result order
 */
public record Execution(String engine, String master, String applicationId, int executors, int batchSize,
                        List<int[]> partitions, List<Long> seeds) {

    public Execution {
        if (engine == null || engine.isBlank() || master == null || master.isBlank()) {
            throw new IllegalArgumentException("engine and master must not be blank, got '" + engine + "' and '"
                    + master + "'");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        partitions = partitions.stream().map(int[]::clone).toList();
        for (int[] p : partitions) {
            if (p.length != 2 || p[0] < 0 || p[1] < p[0]) {
                throw new IllegalArgumentException("a partition is a [from, to) pair, got "
                        + java.util.Arrays.toString(p));
            }
        }
        seeds = List.copyOf(seeds);
        applicationId = applicationId == null ? "" : applicationId;
    }

    @Override
    public List<int[]> partitions() {
        return partitions.stream().map(int[]::clone).toList();
    }
}
