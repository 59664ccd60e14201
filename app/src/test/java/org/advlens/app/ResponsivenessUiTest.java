package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Pane;
import org.advlens.app.counterfactual.CounterfactualSettings;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.shell.UiWatchdog;
import org.junit.jupiter.api.Test;

/**
 * The UI stays responsive while long jobs run, and cancelling frees the engine quickly: a long robustness curve, a
 * sanity check and a counterfactual search each run while the user switches pages, then are cancelled. The
 * application's own {@link UiWatchdog} must see no stall in which the FX thread worked for more than 100 ms
 * (stalls where it merely waited for a processor on a loaded machine are not the application's doing), and each
 * cancel must release the engine within 0.5 s. On a machine whose load average exceeds its cores, the engine's
 * work between two cancellation checks takes proportionally longer, so the cancel limit is scaled by load / cores
 * (and the scale printed with the figures).
 */
class ResponsivenessUiTest extends RunningAppUiTest {

    private static final Duration BUSY_LIMIT = Duration.ofMillis(100);
    private static final long CANCEL_LIMIT_MS = 500;
    private static final List<String> PAGES = List.of("Attack", "Curves", "Saliency", "Sanity checks",
            "Counterfactual", "Model");

    @Test
    void longJobsLeaveTheUiThreadFreeAndCancelWithinHalfASecond() throws Exception {
        waitUntil("the bundled samples", () -> lookup("#sampleTiles").queryAs(Pane.class).getChildren().size() == 10);
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        clickOn(lookup("#sampleTiles").lookup((ToggleButton b) -> "Trouser".equals(b.getText())).<Node>query());
        waitUntil("the trouser selected", () -> vm().workspace().readyProperty().get());
        UiWatchdog watchdog = watchdog();
        assertNotNull(watchdog, "the application starts its watchdog");
        watchdog.reset();
        long checksBefore = watchdog.checks();

        List<String> report = new ArrayList<>();
        report.add(runInteractAndCancel("curve", () -> {
            vm().curves().settings().choose("pgd");
            vm().curves().settings().stepsProperty().set(100);
            vm().curves().settings().limitProperty().set(1000);
            return vm().curves().runCurves();
        }));
        report.add(runInteractAndCancel("sanity check", () -> {
            vm().sanity().settings().choose("gradient", "integrated-gradients", "smoothgrad");
            vm().sanity().settings().imagesProperty().set(50);
            return vm().sanity().runCheck();
        }));
        report.add(runInteractAndCancel("counterfactual", () -> {
            CounterfactualSettings s = vm().counterfactual().settings();
            s.targetClassProperty().set(3);
            s.kindProperty().set(CounterfactualSettings.Kind.PIXEL);
            s.confidenceProperty().set("0.999999");
            // a distance weight this large keeps the target probability far below the confidence, so the search
            // runs its full budget instead of ending early on a fast machine before it is cancelled
            s.l2Property().set("100");
            s.stepsProperty().set(100_000);
            return vm().counterfactual().runCounterfactual();
        }));

        List<UiWatchdog.Stall> stalls = watchdog.stalls();
        Duration busiest = watchdog.longestBusyStall();
        long longestWait = stalls.stream().mapToLong(s -> s.length().toMillis()).max().orElse(0);
        System.out.printf(Locale.ROOT, "responsiveness: %s; %d FX-thread checks, %d waits over %d ms (longest %d "
                        + "ms), longest FX-thread work in a stall %d ms%n", String.join("; ", report),
                watchdog.checks() - checksBefore, stalls.size(), watchdog.threshold().toMillis(), longestWait,
                busiest.toMillis());
        assertTrue(watchdog.checks() - checksBefore > 20, "the watchdog kept checking the FX thread");
        assertTrue(busiest.compareTo(BUSY_LIMIT) <= 0, "the FX thread worked " + busiest.toMillis()
                + " ms in one stall:\n" + stalls.stream().filter(s -> s.busyLongerThan(BUSY_LIMIT))
                .map(s -> s.stack().toString()).findFirst().orElse(""));
    }

    /** Starts a job, clicks through the pages for a while, cancels it and measures until the engine is free. */
    private String runInteractAndCancel(String what, java.util.concurrent.Callable<EngineTask<?>> start)
            throws Exception {
        EngineTask<?> task = FxThread.call(start);
        assertNotNull(task, what + " started");
        waitUntil(what + " running", task::isRunning);
        for (int round = 0; round < 2; round++) {
            for (String page : PAGES) {
                clickOn(tab(page));
            }
        }
        assertTrue(FxThread.call(task::isRunning), what + " still running when cancelled");
        CompletableFuture<Long> released = new CompletableFuture<>();
        long cancelled = FxThread.call(() -> {
            long t0 = System.nanoTime();
            task.engineReleased().thenRun(() -> released.complete(System.nanoTime()));
            task.cancel();
            return t0;
        });
        long ms = TimeUnit.NANOSECONDS.toMillis(released.get(TIMEOUT_S, TimeUnit.SECONDS) - cancelled);
        double overload = overload();
        assertTrue(ms <= CANCEL_LIMIT_MS * overload, what + ": the engine was released " + ms + " ms after cancel "
                + String.format(Locale.ROOT, "(limit %.0f ms at load/cores %.1f)", CANCEL_LIMIT_MS * overload,
                overload));
        return String.format(Locale.ROOT, "%s cancelled in %d ms (load/cores %.1f)", what, ms, overload);
    }

    /** The machine's load average over its cores, at least 1. */
    private static double overload() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return Math.max(1, load / Runtime.getRuntime().availableProcessors());
    }

    private Node tab(String title) {
        return lookup(".tab-label").lookup((javafx.scene.control.Label l) -> title.equals(l.getText())).query();
    }
}
