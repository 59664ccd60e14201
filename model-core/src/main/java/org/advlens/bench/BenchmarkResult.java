package org.advlens.bench;

import java.util.List;

/**
 * Timings of the engine's main operations on one model and data set.
 *
 * @param engine the numerical engine measured
 * @param model the model's name
 * @param modelSha256 the model file's hash
 * @param data the data set's name
 * @param batchSize images per batch in the throughput measurements
 * @param throughput one entry per operation, in images per second
 * @param singleImageFgsm latency of FGSM on one image at a time
 */
public record BenchmarkResult(EngineInfo engine, String model, String modelSha256, String data, int batchSize,
                              List<Throughput> throughput, Latency singleImageFgsm) {

    public BenchmarkResult {
        throughput = List.copyOf(throughput);
    }

    /**
     * Images per second of one operation.
     *
     * @param operation what was timed, e.g. {@code "forward"} or {@code "pgd-20"}
     * @param images images processed per repetition
     * @param repetitionSeconds wall-clock seconds of each timed repetition (after the warm-up)
     * @param imagesPerSecond images per second of the median repetition
     */
    public record Throughput(String operation, int images, double[] repetitionSeconds, double imagesPerSecond) {
        public Throughput {
            repetitionSeconds = repetitionSeconds.clone();
        }

        @Override
        public double[] repetitionSeconds() {
            return repetitionSeconds.clone();
        }
    }

    /**
     * Latency of one operation on a single image.
     *
     * @param runs timed runs (after the warm-up)
     * @param medianMillis median wall-clock milliseconds
     * @param p90Millis 90th percentile in milliseconds
     */
    public record Latency(int runs, double medianMillis, double p90Millis) {
    }
}
