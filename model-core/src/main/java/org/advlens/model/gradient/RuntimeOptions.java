package org.advlens.model.gradient;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** ONNX Runtime session options shared by the engine's sessions. */
public final class RuntimeOptions {

    private RuntimeOptions() {
    }

    /**
     * Options with {@code threads} intra-op threads (0: one per core), one inter-op thread, no spinning while
     * idle (as {@code OMP_WAIT_POLICY=PASSIVE} for ND4J, which matters on a busy machine), and all graph
     * optimisations.
     */
    public static OrtSession.SessionOptions create(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setInterOpNumThreads(1);
            options.setIntraOpNumThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
