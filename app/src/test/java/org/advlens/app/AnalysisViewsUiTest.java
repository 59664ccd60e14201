package org.advlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import org.advlens.app.counterfactual.CounterfactualSettings;
import org.advlens.app.counterfactual.GeneratorViewModel;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke tests of the explanation views on the real application (headless Monocle): saliency maps of a sample,
 * a small cascading sanity check, a pixel-space and an on-manifold counterfactual. One application instance serves
 * all steps.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalysisViewsUiTest extends RunningAppUiTest {

    @Test
    @Order(1)
    void vanillaGradientAndGradCamOfASampleAppearSideBySide() throws Exception {
        // given the app on the bundled model with the Trouser sample selected
        waitUntil("the bundled samples", () -> lookup("#sampleTiles").queryAs(Pane.class).getChildren().size() == 10);
        waitUntil("the bundled model", () -> vm().workspace().model() != null);
        clickOn(lookup("#sampleTiles").lookup((ToggleButton b) -> "Trouser".equals(b.getText())).<Node>query());
        waitUntil("the trouser selected", () -> vm().workspace().readyProperty().get()
                && vm().workspace().image().name().equals("Trouser"));
        // when the user opens the saliency view, keeps only the vanilla gradient and Grad-CAM, and runs
        clickOn(tab("Saliency"));
        FxThread.run(() -> vm().saliency().settings().choose("gradient", "gradcam"));
        waitUntil("the run button enabled", () -> vm().saliency().canRunProperty().get());
        // (the button sits below the fold of the form's scroll pane on a small screen, so it is fired directly)
        FxThread.run(() -> lookup("#runSaliencyButton").queryButton().fire());
        // then both maps appear over the image, explaining the predicted class
        waitUntil("the maps", () -> lookup("#saliencyPanel-gradcam").tryQuery().isPresent()
                && lookup("#saliencyPanel-gradient").tryQuery().isPresent());
        assertEquals(2, FxThread.call(() -> vm().saliency().resultProperty().get().maps().size()));
        assertTrue(text("#saliencyHeading").startsWith("Why Trouser?"), text("#saliencyHeading"));
        assertTrue(text("#saliencyCaption-gradient").contains("at p99"), text("#saliencyCaption-gradient"));
    }

    @Test
    @Order(2)
    void aCascadingSanityCheckShowsTheGridAndTheCurves() throws Exception {
        // given the sanity view with two cheap methods and two images
        clickOn(tab("Sanity checks"));
        FxThread.run(() -> {
            vm().sanity().settings().choose("gradient", "gradient-x-input");
            vm().sanity().settings().imagesProperty().set(2);
        });
        // when the user runs the check
        clickOn("#runSanityButton");
        // then the grid of maps (method x step) and the similarity chart appear
        waitUntil("the sanity result", () -> vm().sanity().resultProperty().get() != null);
        int steps = FxThread.call(() -> vm().sanity().resultProperty().get().result().steps().size());
        assertTrue(steps >= 3, "original and at least two randomised layers, got " + steps);
        // two rows of (label + input + maps) plus the header row (input + steps)
        waitUntil("the grid", () -> lookup("#sanityGrid").queryAs(GridPane.class).getChildren().size()
                == 2 * (steps + 2) + steps + 1);
        assertNotNull(FxThread.call(() -> lookup("#sanityChart").queryAs(ChartViewer.class).getChart()));
        assertTrue(text("#sanitySummary").contains("gradient-x-input"), text("#sanitySummary"));
    }

    @Test
    @Order(3)
    void aPixelCounterfactualToAChosenClassShowsItsPath() throws Exception {
        // given the counterfactual view on the Trouser sample, aiming at Dress with a short pixel-space search
        clickOn(tab("Counterfactual"));
        FxThread.run(() -> {
            CounterfactualSettings s = vm().counterfactual().settings();
            s.targetClassProperty().set(3);
            s.kindProperty().set(CounterfactualSettings.Kind.PIXEL);
            s.stepsProperty().set(150);
        });
        // when the user runs the search
        clickOn("#runCounterfactualButton");
        // then the counterfactual, its verdict, the path slider and the plausibility measures appear
        waitUntil("the counterfactual", () -> vm().counterfactual().resultProperty().get() != null);
        waitUntil("the verdict", () -> !text("#counterfactualVerdict").isEmpty());
        assertTrue(text("#counterfactualVerdict").contains("Dress"), text("#counterfactualVerdict"));
        Slider path = lookup("#counterfactualPath").queryAs(Slider.class);
        assertTrue(path.getMax() >= 1, "path points: " + path.getMax());
        assertTrue(text("#counterfactualPathLabel").contains("Dress"), text("#counterfactualPathLabel"));
        assertTrue(lookup("#counterfactualMeasures").queryAs(GridPane.class).getChildren().size() >= 10);
        // and the reconstruction-based difference is only offered for on-manifold results
        assertTrue(lookup("#counterfactualDifferenceFromStart").queryAs(CheckBox.class).isDisabled());
    }

    @Test
    @Order(4)
    void anOnManifoldCounterfactualCanShowItsChangeAgainstTheReconstruction() throws Exception {
        // given a short on-manifold search from the same sample to T-shirt/top
        FxThread.run(() -> {
            CounterfactualSettings s = vm().counterfactual().settings();
            s.targetClassProperty().set(0);
            s.kindProperty().set(CounterfactualSettings.Kind.LATENT);
            s.stepsProperty().set(60);
        });
        // when the user runs it
        clickOn("#runCounterfactualButton");
        waitUntil("the on-manifold counterfactual", () -> vm().counterfactual().resultProperty().get() != null
                && !vm().counterfactual().runningProperty().get()
                && vm().counterfactual().shownItem().counterfactual().method().equals("latent"));
        // then the difference can be switched to "against the reconstruction"
        CheckBox fromStart = lookup("#counterfactualDifferenceFromStart").queryAs(CheckBox.class);
        waitUntil("the option enabled", () -> !fromStart.isDisabled());
        assertTrue(text("#counterfactualDifferenceCaption").contains("pixels changed"),
                text("#counterfactualDifferenceCaption"));
        clickOn(fromStart);
        waitUntil("the caption", () -> text("#counterfactualDifferenceCaption").contains("against the reconstruction"));
        assertTrue(vm().counterfactual().differenceFromStartProperty().get());
    }

    @Test
    @Order(5)
    void aGeneratorFromAFileReplacesTheBundledOneAndABadFileIsRefused(@TempDir Path dir) throws Exception {
        // given a file that is a classifier, not an autoencoder
        Path classifier = dir.resolve("not-a-generator.zip");
        try (InputStream in = getClass().getResourceAsStream("/advlens/models/fashion-cnn.zip")) {
            Files.copy(in, classifier);
        }
        // when it is loaded as the generator
        FxThread.run(() -> vm().counterfactual().generator().load(classifier));
        // then the error names the file and says what it is not, and the bundled generator stays
        waitUntil("the refusal", () -> vm().notices().log().stream().anyMatch(n ->
                n.line().contains("not-a-generator.zip") && n.line().contains("autoencoder")));
        assertEquals(GeneratorViewModel.BUNDLED, text("#counterfactualGenerator"));
        assertTrue(lookup("#bundledGeneratorButton").queryAs(Button.class).isDisabled());

        // given an autoencoder file written by train-generator (a copy of the bundled one)
        Path generator = dir.resolve("my-generator.zip");
        try (InputStream in = getClass().getResourceAsStream("/advlens/models/fashion-autoencoder.zip")) {
            Files.copy(in, generator);
        }
        // when it is loaded and a short on-manifold search runs
        FxThread.run(() -> vm().counterfactual().generator().load(generator));
        waitUntil("the generator's name", () -> text("#counterfactualGenerator").contains("my-generator.zip"));
        clickOn("#runCounterfactualButton");
        waitUntil("the counterfactual", () -> vm().counterfactual().resultProperty().get() != null
                && !vm().counterfactual().runningProperty().get());
        // then the search used that file
        Object used = vm().counterfactual().shownItem().parameters().get("generator");
        assertTrue(String.valueOf(used).endsWith("my-generator.zip"), String.valueOf(used));
        // and "Bundled" goes back to the bundled autoencoder
        clickOn("#bundledGeneratorButton");
        waitUntil("the bundled generator", () -> text("#counterfactualGenerator").equals(
                GeneratorViewModel.BUNDLED));
    }

    @Test
    @Order(6)
    void aGeneratorTrainedOnTheUsersImagesIsUsedForTheSearch(@TempDir Path dir) throws Exception {
        // given 2,000 of the user's images as IDX files, labels next to them
        Path images = dir.resolve("mine-images-idx3-ubyte.gz");
        for (String kind : new String[] {"images-idx3", "labels-idx1"}) {
            try (InputStream in = getClass().getResourceAsStream("/advlens/data/fashion-mnist-train-2000-" + kind
                    + "-ubyte.gz")) {
                Files.copy(in, dir.resolve("mine-" + kind + "-ubyte.gz"));
            }
        }
        Path out = dir.resolve("trained.zip");
        // when a generator is trained on them
        FxThread.run(() -> vm().counterfactual().generator().train(images, out));
        // then it is written, named with its held-out error and used
        waitUntil("the trained generator", () -> text("#counterfactualGenerator").contains("trained.zip"));
        assertTrue(Files.size(out) > 0);
        assertTrue(text("#counterfactualGenerator").contains("1800 images"), text("#counterfactualGenerator"));
        clickOn("#runCounterfactualButton");
        waitUntil("the counterfactual", () -> vm().counterfactual().resultProperty().get() != null
                && !vm().counterfactual().runningProperty().get());
        Object used = vm().counterfactual().shownItem().parameters().get("generator");
        assertTrue(String.valueOf(used).endsWith("trained.zip"), String.valueOf(used));
        clickOn("#bundledGeneratorButton");
        waitUntil("the bundled generator", () -> text("#counterfactualGenerator").equals(GeneratorViewModel.BUNDLED));
    }

    private Node tab(String title) {
        return lookup(".tab-label").lookup((javafx.scene.control.Label l) -> title.equals(l.getText())).query();
    }
}
