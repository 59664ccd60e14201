package org.advlens.bench;

import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

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
        org.advlens.model.onnx.RuntimeOptions.setDefaultThreads(threads);
    }

    /** The environment variable (or, as a system property, {@code advlens.backend}) that asks for a backend. */
    public static final String BACKEND_VARIABLE = "ADVLENS_BACKEND";

    /**
     * The backend the user asked for with {@code advlens --backend cpu|gpu} or {@code ADVLENS_BACKEND}, if any.
     *
     * @throws IllegalArgumentException for a value other than cpu or gpu
     */
    public static Optional<String> requestedBackend() {
        String value = System.getProperty("advlens.backend", System.getenv(BACKEND_VARIABLE));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (!v.equals("CPU") && !v.equals("GPU")) {
            throw new IllegalArgumentException("unknown backend '" + value + "': expected cpu or gpu");
        }
        return Optional.of(v);
    }

    /**
     * Starts the engine, logs which backend it runs on, and checks it against the requested backend.
     *
     * @throws IllegalStateException with an explanation when the GPU was asked for but ND4J loaded the CPU backend
     */
    public static EngineInfo startChecked() {
        EngineInfo info = current();
        LoggerFactory.getLogger(EngineInfo.class).info("AdvLens engine: {} ({})", info.summary(), info.implementation());
        Optional<String> problem = info.backendProblem();
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        return info;
    }

    /** Why this engine is not the backend the user asked for, if it is not. */
    public Optional<String> backendProblem() {
        return problem(requestedBackend(), this);
    }

    /** Compares a requested backend with the one loaded; visible for tests. */
    static Optional<String> problem(Optional<String> requested, EngineInfo loaded) {
        if (requested.isEmpty() || requested.get().equals(loaded.backend())) {
            return Optional.empty();
        }
        String why = requested.get().equals("GPU")
                ? "ND4J found no usable CUDA backend and fell back to the CPU. The GPU needs the CUDA build "
                + "(ADVLENS_GPU=1 ./advlens ..., or mvn -Pgpu package) and an NVIDIA driver for CUDA 11.6; "
                + "run with --backend cpu to use the CPU"
                : "the CUDA backend was preferred; unset BACKEND_PRIORITY_GPU or use the CPU build";
        return Optional.of("the " + requested.get() + " backend was requested but the engine runs on "
                + loaded.backend() + " (" + loaded.implementation() + "): " + why);
    }

    /** Examples per batch for bulk work: larger on a GPU, where small batches leave the device idle. */
    public int suggestedBatchSize() {
        return backend.equals("GPU") ? 500 : 100;
    }

    /** For example {@code "CPU, 2 threads"}. */
    public String summary() {
        return backend + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
