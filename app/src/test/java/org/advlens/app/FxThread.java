package org.advlens.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the JavaFX toolkit once (headless Monocle under Maven) and runs code on its thread, for tests. */
public final class FxThread {

    private static volatile boolean started;

    private FxThread() {
    }

    public static synchronized void start() throws InterruptedException {
        if (started) {
            return;
        }
        // Start it the way TestFX does, so UI tests in the same JVM find the toolkit they expect.
        try {
            org.testfx.api.FxToolkit.registerPrimaryStage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Runs {@code action} on the FX thread and returns its result; rethrows what it throws. */
    public static <T> T call(Callable<T> action) throws Exception {
        start();
        if (Platform.isFxApplicationThread()) {
            return action.call();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    public static void run(Runnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until every event posted to the FX thread so far has run. */
    public static void flush() throws Exception {
        run(() -> { });
    }
}
