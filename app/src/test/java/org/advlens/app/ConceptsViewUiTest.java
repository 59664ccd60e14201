package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import org.advlens.app.concepts.ConceptsResult;
import org.advlens.app.shell.MainViewModel.Page;
import org.junit.jupiter.api.Test;

/** The Concepts view on the real application (headless Monocle): concepts of a sample and a clicked concept's references. */
class ConceptsViewUiTest extends RunningAppUiTest {

    @Test
    void conceptsOfASampleShowTheirHeatmapsAndReferenceImages() throws Exception {
        // given the app on the bundled model with the Sneaker sample selected
        waitUntil("the bundled samples", () -> lookup("#sampleTiles").queryAs(Pane.class).getChildren().size() == 10);
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        clickOn(lookup("#sampleTiles").lookup((ToggleButton b) -> "Sneaker".equals(b.getText())).<Node>query());
        waitUntil("the sneaker selected", () -> vm().workspace().readyProperty().get()
                && vm().workspace().image().name().equals("Sneaker"));
        // when the user opens the Concepts view with Ctrl+Shift+4 and finds 3 concepts among 60 test images
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil("the concepts page", () -> vm().pageProperty().get() == Page.CONCEPTS);
        assertEquals("conv2", FxThread.call(() -> vm().concepts().layerProperty().get()));
        FxThread.run(() -> {
            vm().concepts().topConceptsProperty().set(3);
            vm().concepts().referencesPerConceptProperty().set(4);
            vm().concepts().imagesSearchedProperty().set(60);
        });
        waitUntil("the run button enabled", () -> vm().concepts().canRunProperty().get());
        FxThread.run(() -> lookup("#runConceptsButton").queryButton().fire());

        // then three concepts are listed, the first shown with its heatmap and four reference images
        waitUntil("the concepts", () -> vm().concepts().resultProperty().get() != null);
        ConceptsResult r = FxThread.call(() -> vm().concepts().resultProperty().get());
        assertEquals("Sneaker", r.className(r.entry().explanation().target()));
        assertEquals(3, r.entry().explanation().concepts().size());
        assertEquals(3, FxThread.call(() -> lookup("#conceptsList").queryAs(ListView.class).getItems().size()));
        assertNotNull(lookup("#conceptsHeatmap").queryAs(ImageView.class).getImage());
        assertNotNull(lookup("#conceptsConditional").queryAs(ImageView.class).getImage());
        assertEquals(4, FxThread.call(() -> lookup("#conceptsReferenceImages").queryAs(FlowPane.class).getChildren()
                .size()));
        assertTrue(text("#conceptsSummary").contains("conv2"), text("#conceptsSummary"));

        // when the user clicks the third concept
        FxThread.run(() -> lookup("#conceptsList").queryAs(ListView.class).getSelectionModel().select(2));
        // then its channel is the one described
        int channel = r.entry().explanation().concepts().get(2).channel();
        waitUntil("the third concept", () -> text("#conceptsConceptTitle").startsWith("Channel " + channel + " "));
    }
}
