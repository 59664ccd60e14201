package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.advlens.app.faithfulness.FaithfulnessComparison;
import org.advlens.app.faithfulness.MethodChoice;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.MethodScores;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;

/** The Faithfulness view on the real application (headless Monocle): two methods scored on three images. */
class FaithfulnessViewUiTest extends RunningAppUiTest {

    @Test
    void twoMethodsOnThreeImagesFillTheTableAndTheChart() throws Exception {
        // given the app on the bundled model
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        // when the user opens the Faithfulness view with Ctrl+Shift+5
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil("the faithfulness page", () -> vm().pageProperty().get() == Page.FAITHFULNESS);
        // and scores with no method ticked
        waitUntil("the method check boxes", () -> !vm().faithfulness().methods().isEmpty());
        FxThread.run(() -> {
            vm().faithfulness().methods().forEach(m -> m.selectedProperty().set(false));
            lookup("#runFaithfulnessButton").queryButton().fire();
        });
        // then nothing runs and a notice says what is expected
        assertEquals("No saliency method chosen", FxThread.call(() -> vm().notices().latestProperty().get().title()));
        assertTrue(FxThread.call(() -> !vm().faithfulness().runningProperty().get()));

        // when the user ticks only the two gradient methods, 3 images, 5 steps, and scores them
        FxThread.run(() -> {
            for (MethodChoice m : vm().faithfulness().methods()) {
                m.selectedProperty().set(Set.of("gradient", "gradient-x-input").contains(m.name()));
            }
            vm().faithfulness().imagesProperty().set(3);
            vm().faithfulness().stepsProperty().set(5);
        });
        waitUntil("the method check boxes", () -> lookup("#faithfulnessMethod-gradient").tryQuery().isPresent());
        waitUntil("the run button enabled", () -> vm().faithfulness().canRunProperty().get());
        FxThread.run(() -> lookup("#runFaithfulnessButton").queryButton().fire());

        // then the table has the two methods and the random order, each with three per-image values
        waitUntil("the faithfulness table", () -> vm().faithfulness().resultProperty().get() != null);
        FaithfulnessComparison r = FxThread.call(() -> vm().faithfulness().resultProperty().get());
        assertEquals(1, r.models().size());
        List<String> methods = r.models().get(0).result().rows().stream().map(MethodScores::method).toList();
        assertEquals(List.of("gradient", "gradient-x-input", MethodScores.RANDOM_ORDER), methods);
        assertEquals(3, r.models().get(0).result().rows().get(0).values(FaithfulnessMetric.DELETION_AUC).length);
        TableView<?> table = lookup("#faithfulnessTable").queryAs(TableView.class);
        assertEquals(3, FxThread.call(() -> table.getItems().size()));
        assertEquals(2 + FaithfulnessMetric.values().length, FxThread.call(() -> table.getColumns().size()));
        // and the chart shows the deletion areas of the two methods
        ChartViewer chart = lookup("#faithfulnessChart").queryAs(ChartViewer.class);
        waitUntil("the chart", () -> chart.isVisible() && chart.getChart() != null);
        CategoryPlot plot = FxThread.call(() -> chart.getChart().getCategoryPlot());
        assertEquals(3, plot.getDataset().getColumnCount());
        assertTrue(chart.getChart().getTitle().getText().startsWith("Deletion AUC"));

        // when the user picks the faithfulness correlation, which the random order lacks
        FxThread.run(() -> vm().faithfulness().chartMetricProperty().set(FaithfulnessMetric.FAITHFULNESS_CORRELATION));
        // then the chart shows it for the two methods only, and the export is enabled
        waitUntil("the correlation chart", () -> chart.getChart().getTitle().getText().startsWith("Faithfulness corr"));
        assertEquals(2, FxThread.call(() -> chart.getChart().getCategoryPlot().getDataset().getColumnCount()));
        assertNotNull(lookup("#exportFaithfulnessButton").queryButton());
        assertTrue(FxThread.call(() -> !lookup("#exportFaithfulnessButton").queryButton().isDisabled()));
        assertTrue(FxThread.call(() -> vm().canExportProperty().get()));

        // when the user starts a run on 50 images and cancels it
        FxThread.run(() -> {
            vm().faithfulness().imagesProperty().set(50);
            vm().faithfulness().run();
            vm().faithfulness().cancel();
        });
        // then it stops, says so, and the view can run again
        waitUntil("the run cancelled", () -> !vm().faithfulness().runningProperty().get()
                && "Cancelled".equals(text("#faithfulnessProgress")));
        assertTrue(FxThread.call(() -> vm().faithfulness().canRunProperty().get()));
    }
}
