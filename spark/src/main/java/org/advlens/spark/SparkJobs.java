package org.advlens.spark;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.ProgressListener;
import org.advlens.report.Execution;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs one distributed evaluation as a Spark job group: one partition per {@code [from, to)} range (holding the
 * range's rows for data read with Spark SQL, see {@link DataSource#partitions}), driver-side
 * progress from the task events, and the engine's {@link CancellationToken} mapped onto Spark's job-group
 * cancellation (polled every 100 ms).
 */
final class SparkJobs {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SparkJobs.class);

    private SparkJobs() {
    }

    static <T> List<T> collect(JavaSparkContext spark, String group, DataSource data, List<int[]> ranges,
                               ProgressListener progress, CancellationToken cancellation,
                               Function<JavaRDD<ExampleRange>, List<T>> action) {
        cancellation.throwIfCancelled();
        JavaRDD<ExampleRange> input;
        try {
            input = data.partitions(spark, ranges);
        } catch (java.io.IOException e) {
            throw data.unreadable(e);
        }
        PartitionProgress listener = new PartitionProgress(group, ranges, progress);
        spark.sc().addSparkListener(listener);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "advlens-spark-cancel");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            if (cancellation.isCancelled()) {
                spark.cancelJobGroup(group);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        progress.onProgress(0, "0/" + ranges.size() + " partitions");
        try {
            spark.setJobGroup(group, "AdvLens evaluation", true);
            List<T> results = action.apply(input);
            int examples = ranges.stream().mapToInt(r -> r[1] - r[0]).sum();
            listener.close();
            LOG.info("{}: {} partitions, {} examples; the driver received {} bytes of per-example results", group,
                    ranges.size(), examples, serializedSize(results));
            if (listener.examplesDone() < examples) {
                // the last task events may still be queued on Spark's listener bus
                progress.onProgress(1, ranges.size() + "/" + ranges.size() + " partitions, " + examples + "/"
                        + examples + " examples");
            }
            return results;
        } catch (Exception e) {
            // Spark reports a cancelled or failed job with SparkException, which Java does not see as declared.
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        } finally {
            spark.clearJobGroup();
            watcher.shutdownNow();
            spark.sc().removeSparkListener(listener);
        }
    }

    /** The Java-serialized size of what the driver collected: the memory its results take, give or take. */
    static long serializedSize(List<?> results) {
        ByteCounter counter = new ByteCounter();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(counter)) {
            out.writeObject(new java.util.ArrayList<>(results));
        } catch (java.io.IOException e) {
            return -1;
        }
        return counter.count;
    }

    private static final class ByteCounter extends java.io.OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** How the run was executed: Spark's version, the master, the application, its executors and the partitions. */
    static Execution execution(JavaSparkContext spark, int batchSize, List<int[]> ranges, List<Long> seeds) {
        SparkContext sc = spark.sc();
        int executors = sc.isLocal() ? sc.defaultParallelism()
                : Math.max(1, sc.getExecutorMemoryStatus().size() - 1);
        return new Execution("spark " + sc.version(), sc.master(), sc.applicationId(), executors, batchSize, ranges,
                seeds);
    }
}
