package org.advlens.app;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.advlens.app.shell.MainViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real application started once per test class (headless Monocle), with the helpers every UI flow test
 * needs: its view model, a label's text, and waiting for a condition on the FX thread.
 */
abstract class RunningAppUiTest extends FxRobot {

    static final int TIMEOUT_S = Integer.getInteger("advlens.test.timeout", 60);
    private static AdvLensApp app;

    @BeforeAll
    static void startApplication() throws Exception {
        // a session another test left unfinished would otherwise be restored into this one
        deleteAutosave();
        FxToolkit.registerPrimaryStage();
        app = (AdvLensApp) FxToolkit.setupApplication(AdvLensApp.class);
        FxToolkit.showStage();
    }

    @AfterAll
    static void stopApplication() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static void deleteAutosave() throws java.io.IOException {
        Path autosave = Path.of(System.getProperty("advlens.config.dir", "target/test-config")).resolve("autosave");
        if (java.nio.file.Files.isDirectory(autosave)) {
            try (var files = java.nio.file.Files.walk(autosave)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        }
    }

    static MainViewModel vm() {
        return app.viewModel();
    }

    static org.advlens.app.shell.UiWatchdog watchdog() {
        return app.watchdog();
    }

    String text(String query) {
        Node n = lookup(query).query();
        String t = ((Labeled) n).getText();
        return t == null ? "" : t;
    }

    /** Waits until {@code condition} holds on the FX thread; on timeout saves a snapshot of the window. */
    static void waitUntil(String what, BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> {
                try {
                    return FxThread.call(condition::getAsBoolean);
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (TimeoutException e) {
            saveSnapshot(what);
            throw new TimeoutException("waited " + TIMEOUT_S + " s for " + what);
        }
    }

    /** Writes what the window shows to the build folder, to see why a step timed out. */
    private static void saveSnapshot(String what) {
        try {
            Path file = Path.of(System.getProperty("advlens.config.dir", "."))
                    .resolveSibling("ui-timeout-" + what.replaceAll("\\W+", "-") + ".png");
            javafx.scene.image.WritableImage image = FxThread.call(() ->
                    javafx.stage.Window.getWindows().get(0).getScene().snapshot(null));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (Exception ignored) {
            // the snapshot only helps diagnose; the timeout is what fails the test
        }
    }
}
