package org.advlens.model.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** ONNX Runtime session options shared by the engine's sessions. */
public final class RuntimeOptions {

    private static final java.util.concurrent.atomic.AtomicInteger DEFAULT_THREADS =
            new java.util.concurrent.atomic.AtomicInteger();

    private RuntimeOptions() {
    }

    /**
     * The intra-op threads of sessions opened from now on with {@code threads = 0}: the engine's one thread budget,
     * set together with ND4J's ({@code EngineInfo.setMaxThreads}); 0 means one per core.
     */
    public static void setDefaultThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or positive, got " + threads);
        }
        DEFAULT_THREADS.set(threads);
    }

    /**
     * Whether sessions run on the CUDA execution provider: only in the GPU build (onnxruntime_gpu, whose provider
     * list has CUDA) and unless the CPU was asked for ({@code advlens --backend cpu}, {@code ADVLENS_BACKEND=cpu}).
     */
    static boolean useCuda() {
        String backend = System.getProperty("advlens.backend", System.getenv("ADVLENS_BACKEND"));
        if (backend != null && backend.equalsIgnoreCase("cpu")) {
            return false;
        }
        try {
            return ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The threads a session opened with {@code threads} gets. */
    static int resolve(int threads) {
        int t = threads > 0 ? threads : DEFAULT_THREADS.get();
        return t > 0 ? t : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Options with {@code threads} intra-op threads (0: the default, see {@link #setDefaultThreads}), one inter-op thread, no spinning while
     * idle (as {@code OMP_WAIT_POLICY=PASSIVE} for ND4J, which matters on a busy machine), and all graph
     * optimisations.
     */
    public static OrtSession.SessionOptions create(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setInterOpNumThreads(1);
            options.setIntraOpNumThreads(resolve(threads));
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (useCuda()) {
                options.addCUDA(0);
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
