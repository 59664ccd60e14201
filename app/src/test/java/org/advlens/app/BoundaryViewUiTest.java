package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.eval.boundary.PlaneResult;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;

/** The boundary view on the real application (headless Monocle): a small plane of a sample, painted and read by hovering. */
class BoundaryViewUiTest extends RunningAppUiTest {

    @Test
    void aSmallPlaneIsPaintedAndHoverReadsItsPoints() throws Exception {
        // given the app on the bundled model with the Trouser sample selected
        waitUntil("the bundled samples", () -> lookup("#sampleTiles").queryAs(Pane.class).getChildren().size() == 10);
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        clickOn(lookup("#sampleTiles").lookup((ToggleButton b) -> "Trouser".equals(b.getText())).<Node>query());
        waitUntil("the trouser selected", () -> vm().workspace().readyProperty().get()
                && vm().workspace().image().name().equals("Trouser"));
        // when the user opens the boundary view with Ctrl+9 and computes a 21 x 21 plane
        press(KeyCode.CONTROL, KeyCode.DIGIT9).release(KeyCode.DIGIT9, KeyCode.CONTROL);
        waitUntil("the boundary page", () -> vm().pageProperty().get() == Page.BOUNDARY);
        FxThread.run(() -> vm().boundary().resolutionProperty().set(21));
        waitUntil("the run button enabled", () -> vm().boundary().canRunProperty().get());
        FxThread.run(() -> lookup("#runBoundaryButton").queryButton().fire());

        // then the complete plane is painted in the classes' colours, with the image's class at the centre
        waitUntil("the plane", () -> vm().boundary().planeProperty().get() != null
                && vm().boundary().planeProperty().get().complete());
        waitUntil("the linearity charts", () -> vm().boundary().linearityProperty().get() != null);
        PlaneResult r = FxThread.call(() -> vm().boundary().planeProperty().get());
        assertEquals(21, r.resolution());
        assertEquals(r.originalClass(), r.predictedAt(10, 10));
        assertEquals("Trouser", r.classNames().get(r.originalClass()));
        Canvas canvas = lookup("#boundaryPlane").queryAs(Canvas.class);
        WritableImage shot = FxThread.call(() -> canvas.snapshot(null, null));
        int centre = shot.getPixelReader().getArgb((int) (canvas.getWidth() * 0.25), (int) (canvas.getHeight() * 0.3));
        assertTrue((centre & 0xFFFFFF) != 0xD9D9D9, "the canvas is painted, not the empty grey");
        assertNotNull(FxThread.call(() -> lookup("#boundaryLinearityAdversarial").queryAs(ChartViewer.class)
                .getChart()));

        // when the mouse hovers the plane's centre
        moveTo(canvas);
        waitUntil("the readout", () -> !text("#boundaryReadout").isEmpty());
        // then the readout shows the coordinates and top classes, and the thumbnail shows that image
        String readout = text("#boundaryReadout");
        assertTrue(readout.contains("a = ") && readout.contains("Trouser"), readout);
        assertNotNull(lookup("#boundaryThumbnail").queryAs(ImageView.class).getImage());
    }
}
