package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.advlens.app.common.charts.TrainingChartFactory;
import org.advlens.app.curves.ComparisonModel;
import org.advlens.app.curves.CurveSettings;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.app.train.MethodFields.Field;
import org.advlens.app.train.TrainingSettings;
import org.advlens.data.Datasets;
import org.advlens.data.IdxWriter;
import org.advlens.data.LabelledDataset;
import org.advlens.train.TrainingMethod.Kind;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training view on the real application (headless Monocle), on a Fashion-MNIST-shaped folder of 128 training
 * and 64 test images made from the bundled ones: bad text starts nothing, a tiny run draws its epoch and opens the
 * model, and a cancelled run leaves the view ready for the next. Then the curves view compares the standard model
 * with the robust one in one chart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingAndComparisonUiTest extends RunningAppUiTest {

    @TempDir
    static Path dir;
    private static Path data;

    @BeforeAll
    static void writeTinyDataFolder() throws IOException {
        data = Files.createDirectories(dir.resolve("fashion"));
        LabelledDataset bundled = Datasets.bundledEvaluation();
        LabelledDataset train = bundled.limit(128);
        IdxWriter.writeImages(train.images(), data.resolve("train-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(train.labels(), data.resolve("train-labels-idx1-ubyte.gz"), true);
        IdxWriter.writeImages(bundled.images().slice(900, 964), data.resolve("t10k-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(Arrays.copyOfRange(bundled.labels(), 900, 964),
                data.resolve("t10k-labels-idx1-ubyte.gz"), true);
    }

    private static TrainingSettings settings() {
        return vm().training().settings();
    }

    @Test
    @Order(1)
    void badParameterTextIsNamedAndStartsNoJob() throws Exception {
        // given the training view (Ctrl+7) set up for PGD adversarial training on the tiny folder
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        push(KeyCode.CONTROL, KeyCode.DIGIT7);
        waitUntil("the training view", () -> vm().pageProperty().get() == Page.TRAINING);
        FxThread.run(() -> {
            settings().dataDirProperty().set(data);
            settings().chosenOutputProperty().set(dir.resolve("never.zip"));
            settings().methodProperty().set(Kind.PGD_AT);
        });
        waitUntil("a valid form", () -> !lookup("#trainButton").queryButton().isDisabled());
        // when the user types an epsilon that is not a number
        TextField epsilon = lookup("#trainField-EPSILON").queryAs(TextField.class);
        FxThread.run(() -> epsilon.setText("0.1x"));
        // then the form says which field holds what, Train is off, and neither Train nor Ctrl+R starts a job
        waitUntil("the message", () -> text("#trainFormError").equals("ε must be a number, got '0.1x'"));
        assertTrue(lookup("#trainButton").queryButton().isDisabled());
        int jobs = FxThread.call(() -> vm().jobs().history().size());
        assertNull(FxThread.call(() -> vm().training().train()));
        FxThread.run(vm()::runCurrent);
        assertEquals(jobs, (int) FxThread.call(() -> vm().jobs().history().size()));
        assertEquals("ε must be a number, got '0.1x'", FxThread.call(() -> vm().training().errorProperty().get()));
        assertFalse(Files.exists(dir.resolve("never.zip")));
        FxThread.run(() -> {
            epsilon.setText("0.1");
            vm().training().dismissError();
        });
    }

    @Test
    @Order(2)
    void aTinyRunDrawsItsEpochAndOpensTheTrainedModel() throws Exception {
        // given one epoch of PGD-AT (2 steps) on 128 images, evaluated on 64 and robust accuracy on 32
        Path out = dir.resolve("tiny-pgd.zip");
        FxThread.run(() -> {
            settings().chosenOutputProperty().set(out);
            settings().epochsProperty().set("1");
            settings().trainLimitProperty().set("128");
            settings().testLimitProperty().set("64");
            settings().valueProperty(Field.STEPS).set("2");
            settings().robustImagesProperty().set("32");
        });
        // when the user presses Train
        clickOn("#trainButton");
        // then the chart gets the epoch's clean and robust accuracy and loss, and the model opens as the current one
        waitUntil("the trained model in use", () -> out.equals(vm().workspace().modelFileProperty().get()));
        TrainingChartFactory.Series series = FxThread.call(() -> TrainingChartFactory.series(
                lookup("#trainingChart").queryAs(ChartViewer.class).getChart()));
        assertEquals(1, FxThread.call(() -> series.clean().getItemCount()));
        assertEquals(1, FxThread.call(() -> series.robust().getItemCount()));
        assertEquals(1, FxThread.call(() -> series.loss().getItemCount()));
        assertEquals(FxThread.call(() -> vm().training().reportProperty().get().testAccuracy()),
                FxThread.call(() -> series.clean().getY(0).doubleValue()));
        assertTrue(vm().workspace().modelInfo().name().contains("PGD-trained"), vm().workspace().modelInfo().name());
        assertTrue(text("#trainingMessage").startsWith("Saved tiny-pgd.zip: held-out accuracy"),
                text("#trainingMessage"));
    }

    @Test
    @Order(3)
    void aCancelledRunSavesNothingAndTheViewTrainsAgain() throws Exception {
        // given a long standard run (500 epochs of 128 images)
        Path cancelled = dir.resolve("cancelled.zip");
        FxThread.run(() -> {
            settings().methodProperty().set(Kind.STANDARD);
            settings().epochsProperty().set("500");
            settings().chosenOutputProperty().set(cancelled);
        });
        clickOn("#trainButton");
        waitUntil("the first epochs", () -> vm().training().epochs().size() >= 2);
        // when the user cancels it in the jobs panel
        clickOn("#cancelAllJobs");
        // then it stops without saving, the trained model stays, and the view says so
        waitUntil("the run stopped", () -> !vm().training().runningProperty().get());
        assertTrue(text("#trainingMessage").startsWith("Cancelled"), text("#trainingMessage"));
        assertFalse(Files.exists(cancelled));
        assertEquals(dir.resolve("tiny-pgd.zip"), vm().workspace().modelFileProperty().get());

        // and the next run trains and opens its model, its chart holding only its own epoch
        Path again = dir.resolve("again.zip");
        FxThread.run(() -> {
            settings().epochsProperty().set("1");
            settings().chosenOutputProperty().set(again);
        });
        waitUntil("Train enabled", () -> !lookup("#trainButton").queryButton().isDisabled());
        clickOn("#trainButton");
        waitUntil("the second model in use", () -> again.equals(vm().workspace().modelFileProperty().get()));
        assertEquals(1, FxThread.call(() -> TrainingChartFactory.series(lookup("#trainingChart")
                .queryAs(ChartViewer.class).getChart()).clean().getItemCount()));
    }

    @Test
    @Order(4)
    void theCurvesOfTheStandardAndTheRobustModelShareOneChart() throws Exception {
        // given the bundled standard model and FGSM at three epsilons on 50 images
        FxThread.run(() -> vm().model().loadBundled());
        waitUntil("the bundled model", () -> vm().workspace().modelFileProperty().get() == null
                && !vm().model().loadingProperty().get());
        push(KeyCode.CONTROL, KeyCode.DIGIT2);
        waitUntil("the curves view", () -> vm().pageProperty().get() == Page.CURVES);
        FxThread.run(() -> {
            CurveSettings s = vm().curves().settings();
            s.choose("fgsm");
            s.modeProperty().set(CurveSettings.EpsilonMode.LIST);
            s.listProperty().set("0, 0.1, 0.2");
            s.limitProperty().set(50);
        });
        // when the user asks for the comparison with the robust model in one click
        FxThread.run(() -> lookup("#compareRobustButton").queryButton().fire());
        // then both models' curves fill one chart, named after their models, and the robust one holds up
        waitUntil("both runs", () -> vm().curves().results().size() == 2 && !vm().curves().runningProperty().get());
        XYSeriesCollection chart = FxThread.call(() -> (XYSeriesCollection) lookup("#curveChart")
                .queryAs(ChartViewer.class).getChart().getXYPlot().getDataset());
        assertEquals(2, FxThread.call(chart::getSeriesCount));
        assertEquals("FGSM L∞ · Fashion-MNIST CNN", FxThread.call(() -> chart.getSeriesKey(0)));
        assertEquals("FGSM L∞ · " + ComparisonModel.BUNDLED_ROBUST_LABEL, FxThread.call(() -> chart.getSeriesKey(1)));
        XYSeries standard = FxThread.call(() -> chart.getSeries(0));
        XYSeries robust = FxThread.call(() -> chart.getSeries(1));
        assertEquals(3, standard.getItemCount());
        assertEquals(3, robust.getItemCount());
        assertTrue(robust.getY(1).doubleValue() > standard.getY(1).doubleValue() + 0.3,
                "FGSM at 0.1: robust " + robust.getY(1) + ", standard " + standard.getY(1));
        assertTrue(text("#curveTitle").startsWith("Fashion-MNIST CNN (clean "), text("#curveTitle"));
        assertTrue(text("#curveTitle").contains(" vs Fashion-MNIST CNN (PGD-trained) (clean "), text("#curveTitle"));
        // and the current model is still the standard one
        assertNull(vm().workspace().modelFileProperty().get());
        assertEquals("Fashion-MNIST CNN", vm().workspace().modelInfo().name());
    }
}
