package org.advlens.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.advlens.app.attack.AttackSettings;
import org.advlens.app.common.ImageItem;
import org.advlens.app.curves.CurveSettings;
import org.advlens.app.shell.MainViewModel.Page;
import org.advlens.attack.FixedEpsilonAttack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scripted start for screenshots and demonstrations, chosen with
 * {@code -Dadvlens.demo=attack|curves|model|saliency|sanity|counterfactual|concepts|lesson|session}:
 * it brings the window to that state by itself, then prints {@value #READY} on standard output (so a script can
 * take a screenshot), writes a snapshot of the window if {@code -Dadvlens.demo.snapshot=file.png} is set, and
 * quits if {@code -Dadvlens.demo.exit=true}.
 *
 * <p>Further properties: {@code advlens.demo.sample} (index of the bundled sample, default 4),
 * {@code advlens.demo.attack} (default fgsm), {@code advlens.demo.eps} (default 0.1),
 * {@code advlens.demo.curveAttacks} (default "fgsm,pgd"), {@code advlens.demo.limit} (default 200),
 * {@code advlens.demo.methods} (saliency methods), {@code advlens.demo.images} (sanity images, default 8),
 * {@code advlens.demo.target} (counterfactual class, default 6), {@code advlens.demo.kind} (pixel, latent or
 * both, default both), {@code advlens.demo.shown} (which counterfactual to show, default the last: on-manifold
 * when both ran), {@code advlens.demo.concepts} (concepts found, default 5), {@code advlens.demo.concept}
 * (the concept shown, default 0), {@code advlens.demo.lesson} (a lesson's id, default why-fgsm-works) and
 * {@code advlens.demo.step} (the lesson step to stop at, from 1, default 2; the steps before it are performed).
 * The {@code session} demo runs a curve, an attack and saliency maps (default gradient) on one sample and ticks
 * the sanity methods {@code advlens.demo.sanityMethods} (default "gradient,smoothgrad"), ending on the attack
 * page: a working session with finished results and changed check boxes.
 */
public final class DemoMode {

    /** The line printed when the demo state is reached. */
    public static final String READY = "advlens-demo: ready";

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);

    private final String page;

    private DemoMode(String page) {
        this.page = page;
    }

    public static Optional<DemoMode> fromSystemProperties() {
        String p = System.getProperty("advlens.demo");
        return p == null || p.isBlank() ? Optional.empty() : Optional.of(new DemoMode(p.trim().toLowerCase(Locale.ROOT)));
    }

    public void start(MainViewModel vm, Stage stage) {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setWidth(screen.getWidth());
        stage.setHeight(screen.getHeight());
        switch (page) {
            case "attack" -> when(vm.gallery().samples(), () -> whenReady(vm, () -> attack(vm, stage)));
            case "curves" -> when(vm.workspace().modelInfoProperty(), () -> curves(vm, stage));
            case "model" -> when(vm.workspace().modelInfoProperty(), () -> {
                vm.pageProperty().set(Page.MODEL);
                ready(stage);
            });
            case "saliency" -> when(vm.gallery().samples(), () -> whenReady(vm, () -> saliency(vm, stage)));
            case "sanity" -> when(vm.workspace().modelInfoProperty(), () -> sanity(vm, stage));
            case "counterfactual" -> when(vm.gallery().samples(), () -> whenReady(vm, () -> counterfactual(vm,
                    stage)));
            case "concepts" -> when(vm.gallery().samples(), () -> whenReady(vm, () -> concepts(vm, stage)));
            case "lesson" -> when(vm.gallery().samples(), () -> whenReady(vm, () -> lesson(vm, stage)));
            case "session" -> when(vm.gallery().samples(), () -> whenReady(vm, () -> session(vm, stage)));
            default -> LOG.warn("Unknown demo '{}': expected attack, curves, model, saliency, sanity,"
                    + " counterfactual, concepts, lesson or session", page);
        }
    }

    private void attack(MainViewModel vm, Stage stage) {
        int index = Integer.getInteger("advlens.demo.sample", 4);
        ImageItem sample = vm.gallery().samples().get(Math.min(index, vm.gallery().samples().size() - 1));
        vm.gallery().select(sample);
        chooseAttack(vm);
        vm.pageProperty().set(Page.ATTACK);
        when(vm.attack().resultProperty(), () -> ready(stage));
        Platform.runLater(() -> vm.attack().runAttack());
    }

    private static void chooseAttack(MainViewModel vm) {
        AttackSettings s = vm.attack().settings();
        String name = System.getProperty("advlens.demo.attack", "fgsm");
        for (FixedEpsilonAttack a : s.attacks()) {
            if (a.name().equals(name)) {
                s.attackProperty().set(a);
            }
        }
        s.epsilonTextProperty().set(System.getProperty("advlens.demo.eps", "0.1"));
    }

    private void session(MainViewModel vm, Stage stage) {
        selectSample(vm);
        chooseAttack(vm);
        CurveSettings s = vm.curves().settings();
        s.choose(System.getProperty("advlens.demo.curveAttacks", "fgsm,pgd").split(","));
        s.limitProperty().set(Integer.getInteger("advlens.demo.limit", 200));
        vm.saliency().settings().choose(System.getProperty("advlens.demo.methods", "gradient").split(","));
        vm.sanity().settings().choose(System.getProperty("advlens.demo.sanityMethods", "gradient,smoothgrad")
                .split(","));
        vm.pageProperty().set(Page.ATTACK);
        whenReady(vm, () -> {
            when(vm.curves().results(), () -> when(vm.attack().resultProperty(),
                    () -> when(vm.saliency().resultProperty(), () -> ready(stage))));
            vm.curves().runCurves();
            vm.attack().runAttack();
            vm.saliency().runSaliency();
        });
    }

    private void curves(MainViewModel vm, Stage stage) {
        if (!vm.gallery().samples().isEmpty()) {
            selectSample(vm);
        }
        CurveSettings s = vm.curves().settings();
        s.choose(System.getProperty("advlens.demo.curveAttacks", "fgsm,pgd").split(","));
        s.limitProperty().set(Integer.getInteger("advlens.demo.limit", 200));
        s.modeProperty().set(CurveSettings.EpsilonMode.RANGE);
        s.fromProperty().set("0");
        s.toProperty().set("0.3");
        s.countProperty().set("7");
        vm.pageProperty().set(Page.CURVES);
        when(vm.curves().results(), () -> ready(stage));
        vm.curves().runCurves();
    }

    private static void selectSample(MainViewModel vm) {
        int index = Integer.getInteger("advlens.demo.sample", 4);
        vm.gallery().select(vm.gallery().samples().get(Math.min(index, vm.gallery().samples().size() - 1)));
    }

    private void saliency(MainViewModel vm, Stage stage) {
        selectSample(vm);
        vm.saliency().settings().choose(System.getProperty("advlens.demo.methods",
                "gradient,smoothgrad,integrated-gradients,occlusion,gradcam").split(","));
        vm.pageProperty().set(Page.SALIENCY);
        whenReady(vm, () -> {
            when(vm.saliency().resultProperty(), () -> ready(stage));
            vm.saliency().runSaliency();
        });
    }

    private void concepts(MainViewModel vm, Stage stage) {
        selectSample(vm);
        vm.pageProperty().set(Page.CONCEPTS);
        vm.concepts().topConceptsProperty().set(Integer.getInteger("advlens.demo.concepts", 5));
        whenReady(vm, () -> {
            when(vm.concepts().resultProperty(), () -> {
                vm.concepts().selectedConceptProperty().set(Integer.getInteger("advlens.demo.concept", 0));
                ready(stage);
            });
            vm.concepts().run();
        });
    }

    private void sanity(MainViewModel vm, Stage stage) {
        vm.sanity().settings().choose(System.getProperty("advlens.demo.methods",
                "gradient,integrated-gradients,gradcam").split(","));
        vm.sanity().settings().imagesProperty().set(Integer.getInteger("advlens.demo.images", 8));
        vm.pageProperty().set(Page.SANITY);
        when(vm.sanity().resultProperty(), () -> ready(stage));
        vm.sanity().runCheck();
    }

    private void counterfactual(MainViewModel vm, Stage stage) {
        selectSample(vm);
        vm.counterfactual().settings().targetClassProperty().set(Integer.getInteger("advlens.demo.target", 6));
        vm.counterfactual().settings().kindProperty().set(org.advlens.app.counterfactual.CounterfactualSettings.Kind
                .valueOf(System.getProperty("advlens.demo.kind", "both").toUpperCase(Locale.ROOT)));
        vm.pageProperty().set(Page.COUNTERFACTUAL);
        whenReady(vm, () -> {
            when(vm.counterfactual().resultProperty(), () -> {
                when(vm.counterfactual().adversarialProperty(), () -> {
                    int last = vm.counterfactual().resultProperty().get().items().size() - 1;
                    vm.counterfactual().shownProperty().set(Integer.getInteger("advlens.demo.shown", last));
                    ready(stage);
                });
                vm.counterfactual().compareWithAdversarial();
            });
            vm.counterfactual().runCounterfactual();
        });
    }

    private void lesson(MainViewModel vm, Stage stage) {
        String id = System.getProperty("advlens.demo.lesson", "why-fgsm-works");
        int step = Integer.getInteger("advlens.demo.step", 2);
        vm.lessons().showList();
        vm.lessons().lessons().stream().filter(l -> l.id().equals(id)).findFirst().ifPresentOrElse(
                l -> advance(vm.lessons().start(l), Math.max(0, Math.min(step, l.size()) - 1), stage),
                () -> LOG.warn("Unknown lesson '{}'", id));
    }

    /** Waits for the current step, then goes on {@code remaining} more steps, then is ready. */
    private static void advance(org.advlens.app.lessons.LessonRunner runner, int remaining, Stage stage) {
        if (runner.busyProperty().get()) {
            runner.busyProperty().addListener(new ChangeListener<Boolean>() {
                @Override
                public void changed(ObservableValue<? extends Boolean> o, Boolean a, Boolean busy) {
                    if (!busy) {
                        o.removeListener(this);
                        Platform.runLater(() -> advance(runner, remaining, stage));
                    }
                }
            });
        } else if (remaining == 0) {
            ready(stage);
        } else {
            runner.next();
            advance(runner, remaining - 1, stage);
        }
    }

    /** Runs {@code action} once a model is loaded and an image fitted to it is selected. */
    private static void whenReady(MainViewModel vm, Runnable action) {
        if (vm.workspace().readyProperty().get()) {
            Platform.runLater(action);
            return;
        }
        vm.workspace().readyProperty().addListener(new ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean a, Boolean ready) {
                if (ready) {
                    o.removeListener(this);
                    Platform.runLater(action);
                }
            }
        });
    }

    /** Runs {@code action} once, as soon as {@code value} is non-null (or non-empty for a list). */
    private static void when(ObservableValue<?> value, Runnable action) {
        if (value.getValue() != null) {
            Platform.runLater(action);
            return;
        }
        value.addListener(new ChangeListener<Object>() {
            @Override
            public void changed(ObservableValue<?> o, Object a, Object b) {
                if (b != null) {
                    o.removeListener(this);
                    Platform.runLater(action);
                }
            }
        });
    }

    private static void when(javafx.collections.ObservableList<?> list, Runnable action) {
        if (!list.isEmpty()) {
            Platform.runLater(action);
            return;
        }
        list.addListener(new javafx.collections.ListChangeListener<Object>() {
            @Override
            public void onChanged(Change<?> c) {
                if (!list.isEmpty()) {
                    list.removeListener(this);
                    Platform.runLater(action);
                }
            }
        });
    }

    private static void ready(Stage stage) {
        PauseTransition settle = new PauseTransition(Duration.seconds(1.5));
        settle.setOnFinished(e -> {
            String snapshot = System.getProperty("advlens.demo.snapshot");
            if (snapshot != null && !snapshot.isBlank()) {
                write(stage.getScene().snapshot(null), Path.of(snapshot));
            }
            System.out.println(READY);
            System.out.flush();
            if (Boolean.getBoolean("advlens.demo.exit")) {
                PauseTransition quit = new PauseTransition(Duration.seconds(1));
                quit.setOnFinished(q -> stage.close());
                quit.play();
            }
        });
        settle.play();
    }

    private static void write(WritableImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            LOG.warn("Could not write the snapshot {}: {}", file, e.getMessage());
        }
    }
}
