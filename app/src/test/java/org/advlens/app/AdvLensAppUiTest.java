package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.Pane;
import org.advlens.app.curves.LiveCurve;
import org.advlens.app.jobs.EngineTask;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main flows on the real application (headless Monocle): it starts on the bundled model and samples, runs
 * FGSM on a sample, cancels a curve from the jobs panel and still attacks afterwards, and survives a corrupt
 * model file. One application instance serves all steps, in order, to keep the run short.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdvLensAppUiTest extends RunningAppUiTest {

    @TempDir
    static Path tmp;

    @Test
    @Order(1)
    void fgsmOnASampleShowsTheAdversarialPredictionAndNorms() throws Exception {
        // given the app started on the bundled model with the bundled samples
        waitUntil("the bundled samples", () -> lookup("#sampleTiles").queryAs(Pane.class).getChildren().size() == 10);
        waitUntil("the bundled model", () -> "Fashion-MNIST CNN".equals(text("#modelTitle")));
        // when the user picks the Trouser sample, keeps FGSM, sets eps 0.2 and presses Run
        clickOn(sample("Trouser"));
        waitUntil("the trouser selected", () -> vm().workspace().image() != null
                && vm().workspace().image().name().equals("Trouser"));
        TextField eps = lookup("#epsilonField").queryAs(TextField.class);
        FxThread.run(() -> eps.setText("0.2"));
        assertTrue(vm().attack().settings().attackProperty().get().name().equals("fgsm"));
        waitUntil("the run button enabled", () -> !lookup("#runAttackButton").queryAs(Button.class).isDisabled());
        clickOn("#runAttackButton");
        // then the adversarial prediction and the L0/L2/L-inf norms appear
        waitUntil("the attack result", () -> text("#l2Label").matches("\\d+\\.\\d{4}"));
        String adversarial = text("#adversarialPrediction");
        assertTrue(adversarial.matches(".+ — \\d+\\.\\d %"), adversarial);
        assertTrue(text("#l0Label").contains("of 784 values"), text("#l0Label"));
        assertEquals("0.2000", text("#linfLabel"));
        assertTrue(text("#verdictLabel").startsWith("Fooled") || text("#verdictLabel").startsWith("Not fooled"),
                text("#verdictLabel"));
        assertTrue(text("#originalPrediction").startsWith("Trouser"), text("#originalPrediction"));
    }

    @Test
    @Order(2)
    void cancellingACurveFromTheJobsPanelLeavesTheAppWorking() throws Exception {
        // given the curves view with PGD over the whole bundled set at five epsilons
        clickOn(tab("Curves"));
        CheckBox fgsm = lookup("#curveAttack-fgsm").queryAs(CheckBox.class);
        if (fgsm.isSelected()) {
            clickOn(fgsm);
        }
        CheckBox pgd = lookup("#curveAttack-pgd").queryAs(CheckBox.class);
        if (!pgd.isSelected()) {
            clickOn(pgd);
        }
        FxThread.run(() -> vm().curves().settings().limitProperty().set(1000));
        FxThread.run(() -> vm().curves().settings().countProperty().set("5"));
        FxThread.run(() -> vm().curves().settings().stepsProperty().set(100));
        // when the curve starts and the user presses the job's Cancel button in the jobs panel
        clickOn("#runCurvesButton");
        waitUntil("the curve job in the jobs panel", () -> !lookup(".task-cancel-button").queryAll().isEmpty());
        EngineTask<?> job = FxThread.call(() -> vm().jobs().activeTasks().get(0));
        String title = FxThread.call(job::getTitle);
        assertTrue(title.startsWith("Curve PGD"), title);
        waitUntil("the job running", () -> job.getState() == Worker.State.RUNNING);
        clickOn(lookup(".task-cancel-button").queryAs(Button.class));
        // then the job ends cancelled, the curve is marked so, and nothing is left running
        waitUntil("the job cancelled", () -> job.getState() == Worker.State.CANCELLED);
        waitUntil("the curve view idle", () -> !vm().curves().runningProperty().get());
        LiveCurve curve = FxThread.call(() -> vm().curves().curves().get(vm().curves().curves().size() - 1));
        assertEquals(LiveCurve.State.CANCELLED, FxThread.call(curve.stateProperty()::get));
        assertTrue(FxThread.call(vm().curves().results()::isEmpty));
        assertTrue(FxThread.call(() -> JobsText.anyCancelled(lookup("#jobHistory").queryAll())),
                "history shows a cancelled job");

        // and when the user goes back and runs FGSM at another epsilon, it still works
        clickOn(tab("Attack"));
        TextField eps = lookup("#epsilonField").queryAs(TextField.class);
        FxThread.run(() -> eps.setText("0.05"));
        clickOn("#runAttackButton");
        waitUntil("the new attack result", () -> vm().attack().resultProperty().get() != null
                && vm().attack().resultProperty().get().outcome().epsilon() == 0.05);
        waitUntil("the norms of the new result", () -> "0.0500".equals(text("#linfLabel")));
    }

    @Test
    @Order(3)
    void aCorruptModelFileGivesAClearMessageAndKeepsThePreviousModel() throws Exception {
        // given a .zip file of random bytes
        Path corrupt = tmp.resolve("corrupt-model.zip");
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Files.write(corrupt, junk);
        // when the user opens it (as a drop or a recent file does)
        clickOn(tab("Model"));
        FxThread.run(() -> vm().openFiles(List.of(corrupt)));
        // then the model view shows what is wrong with which file, and the bundled model is still loaded
        waitUntil("the error message", () -> !text("#modelErrorText").isEmpty());
        String message = text("#modelErrorText");
        assertTrue(message.contains("corrupt-model.zip"), message);
        assertTrue(message.contains("still using Fashion-MNIST CNN"), message);
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("\tat "), message);
        assertTrue(lookup("#modelError").query().isVisible());
        assertEquals("Fashion-MNIST CNN", text("#modelTitle"));
        assertNotNull(vm().workspace().model());
        assertTrue(vm().notices().log().stream().anyMatch(n -> n.line().contains("corrupt-model.zip")));
        // and the app can still attack with the kept model
        clickOn(tab("Attack"));
        clickOn("#runAttackButton");
        waitUntil("an attack with the kept model", () -> vm().attack().resultProperty().get() != null
                && !vm().attack().runningProperty().get());
    }

    @Test
    @Order(4)
    void deepFoolOnASampleShowsTheMinimalDistanceAndTheAdversarialPrediction() throws Exception {
        // given the Attack tab with the bundled model and the Trouser sample
        clickOn(tab("Attack"));
        clickOn(sample("Trouser"));
        waitUntil("the trouser selected", () -> vm().workspace().image() != null
                && vm().workspace().image().name().equals("Trouser"));
        // when the user switches to a minimum-norm attack, picks DeepFool and presses Run
        clickOn("#minimumNormKind");
        assertTrue(lookup("#epsilonSlider").query().isDisabled());
        FxThread.run(() -> vm().attack().minimumNorm().choose("deepfool"));
        waitUntil("the run button enabled", () -> !lookup("#runAttackButton").queryAs(Button.class).isDisabled());
        clickOn("#runAttackButton");
        // then the minimal L2 distance and the adversarial prediction appear
        waitUntil("the DeepFool result", () -> vm().attack().resultProperty().get() != null
                && vm().attack().resultProperty().get().minimumNorm() && !vm().attack().runningProperty().get());
        String minimal = text("#minimalDistanceLabel");
        assertTrue(minimal.matches("L2 = \\d+\\.\\d{4}"), minimal);
        assertTrue(lookup("#minimalDistanceLabel").query().isVisible());
        String adversarial = text("#adversarialPrediction");
        assertTrue(adversarial.matches(".+ — \\d+\\.\\d %"), adversarial);
        assertTrue(text("#verdictLabel").startsWith("Fooled"), text("#verdictLabel"));
        assertTrue(text("#epsilonUsedLabel").startsWith("none (minimum-norm)"), text("#epsilonUsedLabel"));
    }

    @Test
    @Order(20)
    void oneClickSwitchesToTheRobustModelAndBack() throws Exception {
        // given the standard bundled model
        clickOn(tab("Model"));
        // when the user asks for the robust one, then it loads on the gradient engine under its own name
        clickOn("#robustModelButton");
        waitUntil("the robust model", () -> "Fashion-MNIST CNN (PGD-trained)".equals(text("#modelTitle")));
        assertTrue(vm().workspace().model().computePath().onGradientEngine());
        // and the standard one comes back as easily
        clickOn("#bundledModelButton");
        waitUntil("the standard model", () -> "Fashion-MNIST CNN".equals(text("#modelTitle")));
    }

    /** The header of a tab of the main window (a plain text lookup could hit a hidden label with the same text). */
    private Node tab(String title) {
        return lookup(".tab-label").lookup((javafx.scene.control.Label l) -> title.equals(l.getText())).query();
    }

    private Node sample(String name) {
        return lookup("#sampleTiles").lookup((ToggleButton b) -> name.equals(b.getText())).query();
    }

    /** Reads the job history list. */
    private static final class JobsText {
        static boolean anyCancelled(java.util.Set<Node> lists) {
            return lists.stream().filter(n -> n instanceof javafx.scene.control.ListView<?>)
                    .flatMap(n -> ((javafx.scene.control.ListView<?>) n).getItems().stream())
                    .anyMatch(t -> t instanceof EngineTask<?> task && task.getState() == Worker.State.CANCELLED);
        }
    }
}
