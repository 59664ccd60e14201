package org.advlens.spark;

import java.io.Serializable;

/**
 * Called inside a Spark task after each batch it evaluates; an implementation may throw to make the task fail
 * there, which shows that Spark's retry of a failed task counts every example exactly once.
 */
@FunctionalInterface
public interface TaskFault extends Serializable {

    /** No fault: tasks run to the end. */
    TaskFault NONE = (partition, attempt, batch) -> { };

    /**
     * @param partition the partition's index
     * @param attempt the task's attempt number, 0 for the first
     * @param batch the index of the batch just finished inside the partition
     */
    void afterBatch(int partition, int attempt, int batch);
}
