package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import org.advlens.app.robustness.CalibrationSettings;
import org.advlens.app.robustness.CertificationSettings;
import org.advlens.app.robustness.CorruptionSettings;
import org.advlens.app.robustness.Evaluation;
import org.advlens.app.robustness.OodSettings;
import org.advlens.app.robustness.RobustnessViewModel;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Certification;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.eval.ood.BuiltInOodSet;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.eval.ood.OodScore;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness view on the real application (headless Monocle): each evaluation runs on a handful of bundled
 * images with tiny settings, and its chart and numbers are checked against the engine job run directly with the
 * same settings; bad parameter text is refused before any job starts; a cancelled run leaves the view usable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RobustnessViewUiTest extends RunningAppUiTest {

    private static Classifier reference;

    @BeforeAll
    static void loadReferenceModel() throws Exception {
        reference = ModelLoader.bundledDefault();
    }

    @AfterAll
    static void closeReferenceModel() throws Exception {
        if (reference != null) {
            reference.close();
        }
    }

    private static RobustnessViewModel rvm() {
        return vm().robustness();
    }

    private static LabelledDataset bundled(int limit) throws Exception {
        return Datasets.bundledEvaluation(reference.inputSpec()).limit(limit);
    }

    private static JFreeChart chart(String id) throws Exception {
        return FxThread.call(() -> ((ChartViewer) javafx.stage.Window.getWindows().get(0).getScene()
                .lookup("#" + id)).getChart());
    }

    @Test
    @Order(1)
    void invalidParameterTextShowsAClearMessageAndStartsNoJob() throws Exception {
        // given the robustness page, opened with its shortcut
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT8);
        waitUntil("the robustness page", () -> vm().pageProperty().get() == Page.ROBUSTNESS);
        int jobsBefore = FxThread.call(() -> vm().jobs().history().size());
        // when sigma is not a number
        FxThread.run(() -> rvm().certification().settings().sigmaProperty().set("abc"));
        // then the form says so, Run is disabled, and running starts nothing
        waitUntil("the message", () -> text("#certError").equals("sigma must be a number, got 'abc'"));
        assertTrue(lookup("#certRunButton").queryAs(Button.class).isDisabled());
        assertNull(FxThread.call(() -> rvm().certification().runCertification()));
        FxThread.run(() -> vm().runCurrent());
        assertEquals(jobsBefore, FxThread.call(() -> vm().jobs().history().size()));
        // and an out-of-range value names the range
        FxThread.run(() -> rvm().certification().settings().sigmaProperty().set("0.25"));
        FxThread.run(() -> rvm().certification().settings().alphaProperty().set("2"));
        waitUntil("the alpha message", () -> text("#certError").contains("alpha must be in (0, 1), got 2.0"));
        FxThread.run(() -> rvm().certification().settings().alphaProperty().set("0.001"));
        waitUntil("the form valid", () -> !lookup("#certRunButton").queryAs(Button.class).isDisabled());
    }

    @Test
    @Order(2)
    void certificationDrawsCertifiedAccuracyThatMatchesTheEngine(@TempDir Path dir) throws Exception {
        // given tiny smoothing settings on three images
        CertificationSettings s = rvm().certification().settings();
        FxThread.run(() -> {
            s.n0Property().set("20");
            s.nProperty().set("200");
            s.batchProperty().set("200");
            s.limitProperty().set("3");
        });
        // when the user runs it
        FxThread.run(() -> lookup("#certRunButton").queryButton().fire());
        waitUntil("the certificates", () -> rvm().certification().run().resultProperty().get() != null
                && !rvm().certification().run().runningProperty().get());
        // then the chart has its radii and the numbers are the engine's
        Certification.Result direct = Jobs.runNow(new Certification(reference, bundled(3), s.options(), 0));
        Certification.Result shown = FxThread.call(() -> rvm().certification().run().resultProperty().get().result());
        assertEquals(direct.entries().stream().map(e -> e.certificate()).toList(),
                shown.entries().stream().map(e -> e.certificate()).toList());
        JFreeChart c = chart("certChart");
        assertNotNull(c);
        int points = c.getXYPlot().getDataset().getItemCount(0);
        assertTrue(points > 10, "points: " + points);
        assertEquals(direct.certifiedAccuracy(0), c.getXYPlot().getDataset().getYValue(0, 0), 1e-12);
        assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * direct.abstainRate()), text("#certAbstain"));
        assertEquals(String.format(Locale.ROOT, "%.1f %%", 100 * direct.certifiedAccuracy(0)),
                text("#certSmoothedAccuracy"));
        // and the result exports as JSON and the chart as PNG
        Path json = dir.resolve("certification.json");
        Path png = dir.resolve("certification.png");
        FxThread.run(() -> rvm().certification().export(json));
        FxThread.run(() -> rvm().certification().export(png));
        waitUntil("the exports", () -> Files.exists(json) && Files.exists(png));
        waitUntil("the JSON written", () -> {
            try {
                return Files.readString(json).contains("\"abstain_rate\"");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(Files.readString(json).contains(reference.info().sha256()));
    }

    @Test
    @Order(3)
    void aCancelledCertificationStopsAndTheViewStaysUsable() throws Exception {
        // given a long certification
        CertificationSettings s = rvm().certification().settings();
        Certification.Result before = FxThread.call(() -> rvm().certification().run().resultProperty().get()
                .result());
        FxThread.run(() -> {
            s.nProperty().set("2000000");
            s.batchProperty().set("500");
            s.limitProperty().set("100");
            lookup("#certRunButton").queryButton().fire();
        });
        waitUntil("the run under way", () -> rvm().certification().run().runningProperty().get()
                && !lookup("#certCancelButton").queryAs(Button.class).isDisabled());
        // when the user cancels it
        FxThread.run(() -> lookup("#certCancelButton").queryButton().fire());
        // then it stops, says so, and keeps the last result
        waitUntil("the run stopped", () -> !rvm().certification().run().runningProperty().get());
        assertEquals("Cancelled", text("#certMessage"));
        assertEquals(before, FxThread.call(() -> rvm().certification().run().resultProperty().get().result()));
        // and a new short run succeeds
        FxThread.run(() -> {
            s.nProperty().set("100");
            s.limitProperty().set("2");
        });
        waitUntil("run enabled", () -> !lookup("#certRunButton").queryAs(Button.class).isDisabled());
        FxThread.run(() -> lookup("#certRunButton").queryButton().fire());
        waitUntil("the new certificates", () -> !rvm().certification().run().runningProperty().get()
                && rvm().certification().run().resultProperty().get().size() == 2);
        assertEquals("Done", text("#certMessage"));
    }

    @Test
    @Order(4)
    void corruptionsFillTheErrorGridAndGalleryAsTheEngineMeasures() throws Exception {
        // given two corruptions at two severities on eight images
        FxThread.run(() -> rvm().evaluationProperty().set(Evaluation.CORRUPTIONS));
        CorruptionSettings s = rvm().corruptions().settings();
        FxThread.run(() -> {
            s.choose("gaussian_noise", "contrast");
            s.severitiesProperty().set("1,3");
            s.limitProperty().set("8");
        });
        // when the user runs it
        FxThread.run(() -> lookup("#corrRunButton").queryButton().fire());
        waitUntil("the corruption result", () -> rvm().corruptions().run().resultProperty().get() != null
                && !rvm().corruptions().run().runningProperty().get());
        // then each cell shows the engine's error, mCE is shown, and the gallery is drawn
        CorruptionEvaluation.Result direct = Jobs.runNow(new CorruptionEvaluation(reference, null, bundled(8),
                s.options()));
        for (CorruptionEvaluation.Row row : direct.rows()) {
            int[] sev = {1, 3};
            for (int k = 0; k < sev.length; k++) {
                assertEquals(String.format(Locale.ROOT, "%.3f", row.errors()[k]),
                        text("#corrCell-" + row.corruption().id() + "-" + sev[k]));
            }
        }
        assertArrayEquals(direct.rows().get(0).errors(), FxThread.call(() -> rvm().corruptions().run()
                .resultProperty().get().result().evaluation().rows().get(0).errors()));
        double mce = direct.meanCorruptionError();
        String shownMce = Double.isFinite(mce) ? String.format(Locale.ROOT, "%.3f", mce) : "–";
        assertTrue(text("#corrSummary").startsWith("mCE " + shownMce), text("#corrSummary"));
        assertTrue(text("#corrSummary").contains(String.format(Locale.ROOT, "clean error %.3f",
                direct.cleanError())), text("#corrSummary"));
        assertNotNull(lookup("#corrGallery").queryAs(ImageView.class).getImage());
    }

    @Test
    @Order(5)
    void oodDrawsRocCurvesAndHistogramsAndTabulatesTheEnginesMetrics() throws Exception {
        // given two scores and two built-in sets on twenty images
        FxThread.run(() -> rvm().evaluationProperty().set(Evaluation.OOD));
        OodSettings s = rvm().ood().settings();
        FxThread.run(() -> {
            s.choose(List.of("msp", "energy"), List.of("uniform", "flipped"));
            s.limitProperty().set("20");
            s.binsProperty().set("10");
        });
        // when the user runs it
        FxThread.run(() -> lookup("#oodRunButton").queryButton().fire());
        waitUntil("the OOD result", () -> rvm().ood().run().resultProperty().get() != null
                && !rvm().ood().run().runningProperty().get());
        // then one ROC curve per set, an in/out histogram, and a table row per score and set, as the engine says
        LabelledDataset in = bundled(20);
        List<OodEvaluation.OodSet> sets = List.of(
                new OodEvaluation.OodSet("uniform", "", BuiltInOodSet.UNIFORM.make(in.images(),
                        reference.inputSpec(), 0)),
                new OodEvaluation.OodSet("flipped", "", BuiltInOodSet.FLIPPED.make(in.images(),
                        reference.inputSpec(), 0)));
        OodEvaluation.Result direct = Jobs.runNow(new OodEvaluation(reference, in, sets, null, s.options()));
        assertEquals(2, chart("oodRocChart").getXYPlot().getDataset().getSeriesCount());
        assertEquals(2, chart("oodHistogramChart").getXYPlot().getDataset().getSeriesCount());
        assertEquals(10, chart("oodHistogramChart").getXYPlot().getDataset().getItemCount(0));
        TableView<?> table = lookup("#oodTable").queryAs(TableView.class);
        assertEquals(4, table.getItems().size());
        OodEvaluation.Result shown = FxThread.call(() -> rvm().ood().run().resultProperty().get().result()
                .evaluation());
        for (OodScore score : List.of(OodScore.MSP, OodScore.ENERGY)) {
            for (String set : List.of("uniform", "flipped")) {
                assertEquals(direct.entry(score, set).metrics().auroc(), shown.entry(score, set).metrics().auroc());
                assertEquals(direct.entry(score, set).metrics().fprAt95Tpr(),
                        shown.entry(score, set).metrics().fprAt95Tpr());
            }
        }
        // and choosing the energy score redraws the ROC chart for it
        FxThread.run(() -> rvm().ood().shownScoreProperty().set(OodScore.ENERGY));
        waitUntil("the energy ROC", () -> lookup("#oodRocChart").queryAs(ChartViewer.class).getChart().getTitle()
                .getText().contains("energy"));
    }

    @Test
    @Order(6)
    void calibrationDrawsReliabilityBeforeAndAfterWithTheEnginesMeasures() throws Exception {
        // given five bins on forty images
        FxThread.run(() -> rvm().evaluationProperty().set(Evaluation.CALIBRATION));
        CalibrationSettings s = rvm().calibration().settings();
        FxThread.run(() -> {
            s.binsProperty().set("5");
            s.limitProperty().set("40");
        });
        // when the user runs it
        FxThread.run(() -> lookup("#calRunButton").queryButton().fire());
        waitUntil("the calibration result", () -> rvm().calibration().run().resultProperty().get() != null
                && !rvm().calibration().run().runningProperty().get());
        // then the reliability diagram has before, after and the diagonal, and the numbers are the engine's
        CalibrationEvaluation.Result direct = Jobs.runNow(new CalibrationEvaluation(reference, bundled(40),
                s.options()));
        JFreeChart reliability = chart("calReliabilityChart");
        assertEquals(3, reliability.getXYPlot().getDataset().getSeriesCount());
        assertTrue(reliability.getXYPlot().getDataset().getItemCount(0) > 0);
        assertTrue(chart("calRiskChart").getXYPlot().getDataset().getItemCount(0) > 0);
        assertEquals(String.format(Locale.ROOT, "%.4f", direct.before().ece()), text("#calBefore-ECE"));
        assertEquals(String.format(Locale.ROOT, "%.4f", direct.after().nll()), text("#calAfter-NLL"));
        assertEquals(String.format(Locale.ROOT, "%.4f", direct.selectiveAfter().aurc()), text("#calAfter-AURC"));
        assertTrue(text("#calTemperature").contains(String.format(Locale.ROOT, "T = %.4f",
                direct.fit().temperature())), text("#calTemperature"));
        assertTrue(FxThread.call(() -> vm().canExportProperty().get()));
        assertTrue(lookup("#calBefore-accuracy").queryAs(Label.class).getText().matches("\\d\\.\\d{4}"));
    }
}
