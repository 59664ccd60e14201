package org.advlens.report;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the numeric engine runs on, as plain values for a status bar, a benchmark report or provenance, so that
 * the application never imports ND4J. Asking for it initialises ND4J (about a second on first use), so call it
 * from a worker thread.
 *
 * @param backend {@code "CPU"} or {@code "GPU"}
 * @param implementation the ND4J backend class, e.g. {@code "CpuBackend"}
 * @param threads the most threads ND4J uses for one operation
 * @param cores processors available to the JVM
 * @param maxHeapBytes the JVM's heap limit
 */
public record EngineInfo(String backend, String implementation, int threads, int cores, long maxHeapBytes) {

    /** The engine of this JVM (the ND4J backend is fixed once per JVM). */
    public static EngineInfo current() {
        Environment env = Nd4j.getEnvironment();
        return new EngineInfo(env.isCPU() ? "CPU" : "GPU", Nd4j.getBackend().getClass().getSimpleName(),
                env.maxThreads(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }

    /**
     * Limits the threads ND4J starts operations from and the threads of its BLAS library, for the rest of this
     * process. ND4J 1.0.0-M2.1 ignores a limit on the threads inside one operation ({@link #threads()} does not
     * change); to limit those too, set {@code OMP_NUM_THREADS} before the JVM starts.
     *
     * @throws IllegalArgumentException if {@code threads} is not positive
     */
    public static void setMaxThreads(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** For example {@code "CPU, 2 threads"}. */
    public String summary() {
        return backend + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
