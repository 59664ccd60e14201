package org.advlens.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.advlens.app.shell.MainViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Refreshes docs/screenshot-attack.png (a DeepFool result) and docs/screenshot-curves.png (curves, the implied
 * minimum-norm curve and the diagnostics panel), which the demo mode cannot set up. Runs only with
 * {@code -Dadvlens.screenshots=DIR}.
 */
@EnabledIfSystemProperty(named = "advlens.screenshots", matches = ".+")
class DocsScreenshotsUiTest extends FxRobot {

    private static AdvLensApp app;

    @BeforeAll
    static void startApplication() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (AdvLensApp) FxToolkit.setupApplication(AdvLensApp.class);
        FxToolkit.showStage();
        FxThread.run(() -> {
            javafx.stage.Stage s = (javafx.stage.Stage) javafx.stage.Window.getWindows().get(0);
            s.setX(0);
            s.setY(0);
            s.setWidth(1400);
            s.setHeight(900);
        });
    }

    @AfterAll
    static void stopApplication() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static MainViewModel vm() {
        return app.viewModel();
    }

    @Test
    void attackAndCurvesScreenshots() throws Exception {
        Path dir = Path.of(System.getProperty("advlens.screenshots"));
        Files.createDirectories(dir);
        waitUntil(() -> vm().gallery().samples().size() == 10 && vm().workspace().modelInfo() != null);
        FxThread.run(() -> vm().gallery().select(vm().gallery().samples().get(Integer.getInteger(
                "advlens.screenshots.sample", 4))));
        waitUntil(() -> vm().workspace().readyProperty().get());
        FxThread.run(() -> {
            vm().attack().minimumNorm().enabledProperty().set(true);
            vm().attack().minimumNorm().choose(System.getProperty("advlens.screenshots.attack", "deepfool"));
            vm().pageProperty().set(MainViewModel.Page.ATTACK);
            vm().attack().runAttack();
        });
        waitUntil(() -> vm().attack().resultProperty().get() != null && !vm().attack().runningProperty().get());
        snapshot(dir.resolve("screenshot-attack.png"));

        FxThread.run(() -> {
            var s = vm().curves().settings();
            s.choose("fgsm", "pgd");
            s.limitProperty().set(Integer.getInteger("advlens.screenshots.limit", 100));
            s.modeProperty().set(org.advlens.app.curves.CurveSettings.EpsilonMode.RANGE);
            s.fromProperty().set("0");
            s.toProperty().set("0.3");
            s.countProperty().set("7");
            vm().pageProperty().set(MainViewModel.Page.CURVES);
            vm().curves().runCurves();
        });
        waitUntil(() -> !vm().curves().results().isEmpty() && !vm().curves().runningProperty().get());
        FxThread.run(() -> vm().curves().minimumNorm().run());
        waitUntil(() -> vm().curves().minimumNorm().resultProperty().get() != null
                && !vm().curves().minimumNorm().runningProperty().get());
        FxThread.run(() -> vm().curves().diagnostics().diagnose());
        waitUntil(() -> !vm().curves().diagnostics().checks().isEmpty()
                && !vm().curves().diagnostics().runningProperty().get());
        snapshot(dir.resolve("screenshot-curves.png"));
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> {
            try {
                return FxThread.call(condition::getAsBoolean);
            } catch (Exception e) {
                return false;
            }
        });
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
    }

    private static void snapshot(Path file) throws Exception {
        javafx.scene.image.WritableImage image = FxThread.call(() ->
                javafx.stage.Window.getWindows().get(0).getScene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
