package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import org.advlens.app.compare.Disagreement;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.eval.compare.ModelAgreement;
import org.advlens.eval.compare.TransferMatrix;
import org.junit.jupiter.api.Test;

/** The Compare view on the real application (headless Monocle): the bundled model against the bundled robust one. */
class CompareViewUiTest extends RunningAppUiTest {

    @Test
    void theRobustModelIsComparedOnTheDataAndOnTheImage() throws Exception {
        // given the app on the bundled model with the Trouser sample selected
        waitUntil("the bundled samples", () -> lookup("#sampleTiles").queryAs(Pane.class).getChildren().size() == 10);
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        clickOn(lookup("#sampleTiles").lookup((ToggleButton b) -> "Trouser".equals(b.getText())).<Node>query());
        waitUntil("the trouser selected", () -> vm().workspace().readyProperty().get()
                && vm().workspace().image().name().equals("Trouser"));

        // when the user opens Compare with Ctrl+0, adds the bundled robust model and runs FGSM on 10 images
        press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        waitUntil("the compare page", () -> vm().pageProperty().get() == Page.COMPARE);
        FxThread.run(() -> lookup("#addRobust").queryButton().fire());
        waitUntil("the robust model in the list", () -> vm().compare().models().size() == 1
                && vm().compare().comparedProperty().get() != null);
        FxThread.run(() -> {
            vm().compare().imagesProperty().set(10);
            vm().compare().attackProperty().set("fgsm");
        });
        waitUntil("the run button enabled", () -> vm().compare().canRunProperty().get());
        FxThread.run(() -> lookup("#runCompare").queryButton().fire());

        // then the matrix has two models, the robust model keeps more of its accuracy under its own attack
        waitUntil("the transfer matrix", () -> vm().compare().matrixProperty().get() != null);
        TransferMatrix.Result m = FxThread.call(() -> vm().compare().matrixProperty().get());
        assertEquals(2, m.size());
        assertEquals(10, m.count());
        assertTrue(m.whiteBoxAccuracy(1) > m.whiteBoxAccuracy(0), java.util.Arrays.deepToString(m.accuracies()));
        // and the agreement, the gallery of disagreements and both models' rows for the trouser are shown
        ModelAgreement.Result a = FxThread.call(() -> vm().compare().agreementProperty().get());
        assertEquals(10, a.count());
        List<Disagreement> gallery = FxThread.call(() -> List.copyOf(vm().compare().disagreements()));
        assertEquals(a.count() - a.agreements(), gallery.size());
        assertEquals(gallery.size(), lookup("#disagreementGallery").queryAs(FlowPane.class).getChildren().size());
        assertTrue(text("#agreementText").contains("kappa"), text("#agreementText"));
        waitUntil("the side-by-side rows", () -> vm().compare().rowsProperty().get() != null);
        assertEquals(2, FxThread.call(() -> vm().compare().rowsProperty().get().size()));

        // when the user clicks the first disagreeing image, it becomes the current image
        if (!gallery.isEmpty()) {
            Button first = (Button) lookup("#disagreementGallery").queryAs(FlowPane.class).getChildren().get(0);
            FxThread.run(first::fire);
            waitUntil("the disagreeing image selected", () -> vm().workspace().image() == gallery.get(0).image());
        }
    }
}
