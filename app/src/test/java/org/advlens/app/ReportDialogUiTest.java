package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.advlens.app.report.ReportDialog;
import org.advlens.app.report.ReportViewModel;
import org.advlens.data.Datasets;
import org.advlens.eval.CurveResult;
import org.advlens.eval.RobustnessCurve;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.report.html.BatteryJson;
import org.advlens.report.html.RobustnessBattery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File &gt; Write Robustness Report… on the real application (headless Monocle): the shortcut opens the dialog, it
 * estimates the time, writes a report whose numbers are the engine's, and a cancelled run leaves it usable.
 */
class ReportDialogUiTest extends RunningAppUiTest {

    private static final String BATTERY = "{\"images\": 20, \"attacks\": [\"fgsm\", \"pgd\"], \"epsilons\": [0, 0.1],"
            + " \"steps\": 2, \"autoAttackImages\": 5, \"minNormImages\": 5, \"corruptions\": [], \"oodSets\": [],"
            + " \"exampleImages\": 1, \"saliencyMethod\": \"gradient\", \"seed\": 4, \"batchSize\": 10}";

    @TempDir
    Path dir;

    private static ReportDialog dialog() {
        return (ReportDialog) Window.getWindows().stream().filter(w -> w instanceof ReportDialog).findFirst()
                .orElse(null);
    }

    @Test
    void theShortcutOpensTheDialogWhichEstimatesWritesAndCancels() throws Exception {
        // given the bundled model and a small battery file
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        Path battery = dir.resolve("battery.json");
        Files.writeString(battery, BATTERY);
        // when the user presses Ctrl+Shift+R
        push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R);
        waitUntil("the report dialog", () -> dialog() != null && dialog().isShowing());
        ReportViewModel rvm = FxThread.call(() -> dialog().viewModel());
        // then it estimates the quick preset's time
        waitUntil("the estimate", () -> rvm.estimateProperty().get().startsWith("about "));
        assertTrue(text("#reportEstimate").contains("for quick on 200 images: clean accuracy and curves"),
                text("#reportEstimate"));
        // when the battery file and a folder are chosen and Write is pressed
        Path out = dir.resolve("report");
        FxThread.run(() -> {
            rvm.batteryFileProperty().set(battery);
            rvm.outputFolderProperty().set(out);
        });
        waitUntil("the battery's estimate", () -> rvm.estimateProperty().get().contains("for custom on 20 images"));
        FxThread.run(() -> lookup("#reportWrite").queryButton().fire());
        waitUntil("the report", () -> rvm.writtenReportProperty().get() != null);
        // then the page and its figures are written, and the curves are the engine's for the same battery
        assertTrue(Files.size(out.resolve("report.html")) > 10_000);
        JsonNode model = new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("models").get(0);
        try (Classifier reference = ModelLoader.bundledDefault()) {
            CurveResult direct = Jobs.runNow(new RobustnessCurve(reference,
                    Datasets.bundledEvaluation(reference.inputSpec()).limit(20),
                    RobustnessBattery.curveSpec(BatteryJson.fromJson(BATTERY)), p -> { }));
            assertEquals(direct.cleanAccuracy(), model.path("clean_accuracy").asDouble());
            assertEquals(direct.curves().get(1).points().get(1).accuracy(),
                    model.path("curves").get(1).path("points").get(1).path("accuracy").asDouble());
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("advlens report --battery " + battery));
        // when a long battery starts and is cancelled
        FxThread.run(() -> {
            rvm.batteryFileProperty().set(null);
            rvm.presetProperty().set("thorough");
            rvm.outputFolderProperty().set(dir.resolve("cancelled"));
            lookup("#reportWrite").queryButton().fire();
        });
        waitUntil("the run", () -> rvm.runningProperty().get());
        FxThread.run(() -> lookup("#reportCancel").queryButton().fire());
        // then it stops, writes nothing and Write is enabled again
        waitUntil("the cancellation", () -> !rvm.runningProperty().get());
        assertEquals("Cancelled", rvm.messageProperty().get());
        assertNull(rvm.writtenReportProperty().get());
        assertTrue(!Files.exists(dir.resolve("cancelled").resolve("report.html")));
        waitUntil("Write enabled", () -> !lookup("#reportWrite").queryButton().isDisabled());
        FxThread.run(() -> dialog().close());
    }
}
