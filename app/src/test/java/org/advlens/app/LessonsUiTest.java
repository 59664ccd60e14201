package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import org.advlens.app.lessons.Lesson;
import org.advlens.app.lessons.LessonRunner;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.eval.boundary.LinearityResult;
import org.junit.jupiter.api.Test;

/** Teaching mode on the real application (headless Monocle): lesson 2 walked end to end on the bundled model. */
class LessonsUiTest extends RunningAppUiTest {

    @Test
    void theFgsmLessonDrivesTheBoundaryViewStepByStep() throws Exception {
        // given the app on the bundled model, with the Coat sample selected
        waitUntil("the bundled samples", () -> lookup("#sampleTiles").queryAs(Pane.class).getChildren().size() == 10);
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        clickOn(lookup("#sampleTiles").lookup((ToggleButton b) -> "Coat".equals(b.getText())).<Node>query());
        waitUntil("the coat selected", () -> vm().workspace().readyProperty().get());

        // when the user presses F1, the lessons list opens with the six bundled lessons
        press(KeyCode.F1).release(KeyCode.F1);
        waitUntil("the lessons panel", () -> !lookup("#lessonList").queryAll().isEmpty());
        @SuppressWarnings("unchecked")
        ListView<Lesson> list = lookup("#lessonList").queryAs(ListView.class);
        assertEquals(6, FxThread.call(() -> list.getItems().size()));
        // and starts "Why FGSM works"
        FxThread.run(() -> {
            list.getSelectionModel().select(list.getItems().stream().filter(l -> l.id().equals("why-fgsm-works"))
                    .findFirst().orElseThrow());
            lookup("#lessonStartButton").queryButton().fire();
        });

        // then step 1 opens the Boundary view on the T-shirt sample, and says where it stands
        waitUntil("step 1 performed", () -> runner() != null && !runner().busyProperty().get());
        assertEquals(Page.BOUNDARY, FxThread.call(() -> vm().pageProperty().get()));
        assertEquals("T-shirt/top", FxThread.call(() -> vm().workspace().image().name()));
        waitUntil("the step's text laid out", () -> !lookup("#lessonCitation").queryAll().isEmpty());
        assertEquals("Step 1 of 4", text("#lessonProgress"));
        assertTrue(text("#lessonCitation").contains("Goodfellow, Shlens and Szegedy"));
        assertTrue(lookup("#lessonBackButton").queryButton().isDisabled());

        // when Next is pressed, step 2 sets the planes' parameters and runs them, and waits for the job
        clickOn("#lessonNextButton");
        waitUntil("step 2's planes and linearity sweep", () -> !runner().busyProperty().get()
                && vm().boundary().linearityProperty().get() != null);
        assertEquals("", FxThread.call(() -> runner().problemProperty().get()));
        assertEquals(41, FxThread.call(() -> vm().boundary().resolutionProperty().get()));
        assertEquals("attack:fgsm", FxThread.call(() -> vm().boundary().uProperty().get()));
        // and what the step's text claims holds: at ε = 0.1 along FGSM's direction another class is on top,
        // along the random direction of the same size the true class still is
        LinearityResult r = FxThread.call(() -> vm().boundary().linearityProperty().get());
        int at = nearest(r.epsilons(), 0.1);
        assertTrue(argmax(r.adversarialLogits()[at]) != r.label(), "FGSM direction at 0.1 keeps the class");
        assertEquals(r.label(), argmax(r.randomLogits()[at]));
        assertEquals(r.label(), argmax(r.randomLogits()[nearest(r.epsilons(), -0.1)]));

        // when the user goes on to the last step, it hands control back and Next is done
        clickOn("#lessonNextButton");
        waitUntil("step 3", () -> runner().indexProperty().get() == 2 && !runner().busyProperty().get());
        clickOn("#lessonNextButton");
        waitUntil("step 4", () -> runner().indexProperty().get() == 3);
        assertEquals("Step 4 of 4", text("#lessonProgress"));
        assertTrue(lookup("#lessonNextButton").queryButton().isDisabled());
        // Back returns to step 3 without running anything
        clickOn("#lessonBackButton");
        waitUntil("back at step 3", () -> runner().indexProperty().get() == 2);
        assertEquals("Reading the plane", text("#lessonStepTitle"));

        // when Esc is pressed the lesson is left and the list is back
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the list again", () -> runner() == null && !lookup("#lessonList").queryAll().isEmpty());
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the panel closed", () -> lookup("#lessonPanel").queryAll().isEmpty());
    }

    private static LessonRunner runner() {
        return vm().lessons().runnerProperty().get();
    }

    private static int nearest(double[] values, double v) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - v) < Math.abs(values[best] - v)) {
                best = i;
            }
        }
        return best;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
