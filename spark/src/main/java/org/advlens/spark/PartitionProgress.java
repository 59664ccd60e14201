package org.advlens.spark;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.advlens.job.ProgressListener;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Driver-side progress of a distributed evaluation: completed partitions and examples of the job group it watches,
 * reported to a {@link ProgressListener}. A partition counts once, however many attempts it took.
 */
final class PartitionProgress extends SparkListener {

    private final String jobGroup;
    private final List<int[]> ranges;
    private final int total;
    private final ProgressListener listener;
    private final Set<Integer> done = ConcurrentHashMap.newKeySet();
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private volatile int examples;
    private int partitions;
    private volatile boolean closed;

    PartitionProgress(String jobGroup, List<int[]> ranges, ProgressListener listener) {
        this.jobGroup = jobGroup;
        this.ranges = ranges;
        this.total = ranges.stream().mapToInt(r -> r[1] - r[0]).sum();
        this.listener = listener;
    }

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart jobStart) {
        String group = jobStart.properties() == null ? null
                : jobStart.properties().getProperty("spark.jobGroup.id");
        if (jobGroup.equals(group)) {
            // the result stage, created after the shuffle stages of data read with Spark SQL: one task per range
            int[] last = {-1};
            jobStart.stageInfos().foreach(s -> last[0] = Math.max(last[0], s.stageId()));
            stages.add(last[0]);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (closed || !stages.contains(taskEnd.stageId()) || !taskEnd.taskInfo().successful()) {
            return;
        }
        int partition = taskEnd.taskInfo().index();
        if (partition < 0 || partition >= ranges.size() || !done.add(partition)) {
            return;
        }

        synchronized (this) {
            if (closed) {
                return;
            }
            examples += ranges.get(partition)[1] - ranges.get(partition)[0];
            partitions++;
            report(partitions, examples);
        }
    }

    /** Stops reporting: events still queued on Spark's listener bus arrive after the final report. */
    synchronized void close() {
        closed = true;
    }

    private void report(int partitionCount, int count) {
        listener.onProgress((double) count / total, String.format(Locale.ROOT, "%d/%d partitions, %d/%d examples",
                partitionCount, ranges.size(), count, total));
    }

    /** Examples in the completed partitions reported so far, each partition counted once. */
    int examplesDone() {
        return examples;
    }
}
